package com.mobilityhub.coordinator;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.RecoveryStore;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.state.InputObjectState;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import io.narayana.lra.coordinator.domain.service.LRAService;
import java.util.concurrent.locks.ReentrantLock;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A passive copy of one LRA read from the object store, able to requeue participants whose end was cut short.
 *
 * <p>Narayana's restore has side effects meant for a live LRA: it restarts the time limit timer and, for an expired
 * Active LRA, schedules its cancellation. This copy never acts: its timers find no lock and do nothing, and it sets
 * none. Only {@link #requeueInterruptedEnd()} writes, and only the one change it is for.
 */
final class StoredLra extends LongRunningAction {

    private static final Logger log = LoggerFactory.getLogger(StoredLra.class);
    private static final int OK = 200;

    StoredLra(LRAService privateService, Uid uid) {
        super(privateService, uid);
    }

    /** Reads the LRA from the store; false if it is gone or unreadable (the recovery module logs those). */
    boolean load() {
        return activate();
    }

    /**
     * True when the coordinator stopped while calling the participants' complete (or compensate) URLs: the LRA is
     * Closing (Cancelling) and its participants sit on the list Narayana's {@code prepare} wrote just before the
     * calls, with no outcome recorded for any of them.
     */
    boolean endWasInterrupted() {
        LRAStatus status = getLRAStatus();
        return (status == LRAStatus.Closing || status == LRAStatus.Cancelling)
                && size(preparedList) > 0
                && size(heuristicList) == 0
                && size(pendingList) == 0
                && size(failedList) == 0;
    }

    /**
     * Moves those participants to the list of participants whose end must be retried, and saves the LRA. Narayana's
     * recovery (RecoveringLRA.replayPhase2) retries that list, but never the prepared one.
     *
     * @return how many participants were requeued
     */
    int requeueInterruptedEnd() {
        int participants = size(preparedList);
        moveTo(preparedList, heuristicList, true);
        // BasicAction.updateState: writes the LRA (now with a non-empty heuristic list) to the object store.
        updateState();
        return participants;
    }

    /** A stored copy never ends the LRA itself: a timer that fires on it finds no lock and gives up. */
    @Override
    protected ReentrantLock tryLockTransaction() {
        return null;
    }

    /** Restoring an LRA restarts its time limit; a stored copy keeps none (the live LRA, once recovered, does). */
    @Override
    public int setTimeLimit(Long timeLimit, boolean save) {
        return OK;
    }

    /** The ids of every LRA in the object store; empty (and logged) if the store cannot be listed. */
    static List<Uid> storedUids() {
        RecoveryStore store = StoreManager.getRecoveryStore();
        InputObjectState uids = new InputObjectState();
        List<Uid> found = new ArrayList<>();
        try {
            if (!store.allObjUids(LongRunningAction.getType(), uids)) {
                return found;
            }
            for (Uid uid = new Uid(uids.unpackBytes()); !uid.equals(Uid.nullUid()); uid = new Uid(uids.unpackBytes())) {
                found.add(uid);
            }
        } catch (ObjectStoreException | IOException e) {
            log.warn("Could not list the stored LRAs; next scan retries", e);
        }
        return found;
    }

    private static int size(com.arjuna.ats.arjuna.coordinator.RecordList list) {
        return list == null ? 0 : list.size();
    }
}
