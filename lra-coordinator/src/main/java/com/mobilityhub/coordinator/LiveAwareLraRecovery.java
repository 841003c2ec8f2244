package com.mobilityhub.coordinator;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.exceptions.ObjectStoreException;
import com.arjuna.ats.arjuna.objectstore.RecoveryStore;
import com.arjuna.ats.arjuna.objectstore.StateStatus;
import com.arjuna.ats.arjuna.objectstore.StoreManager;
import com.arjuna.ats.arjuna.recovery.TransactionStatusConnectionManager;
import io.narayana.lra.coordinator.domain.model.LongRunningAction;
import io.narayana.lra.coordinator.domain.service.LRAService;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.concurrent.ScheduledFuture;
import org.eclipse.microprofile.lra.annotation.LRAStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Narayana's LRA recovery pass, without the stray copies that end a closed LRA a second time.
 *
 * <p>Why: Narayana 1.1.0's {@link LRARecoveryModule} restores every LRA in the object store on every scan, also the
 * ones this process holds live. Restoring an LRA whose saved state is still running (Active, or a close whose first
 * write has just happened) re-arms its time-limit timer on the copy, and the copy is then dropped. When that timer
 * fires the copy cancels the LRA again from its own stale participant list, even though the live instance has
 * closed it meanwhile: participants get {@code complete} and then {@code compensate} (seen when a close ran near
 * the time limit, CoordinatorIT). Here an Active LRA the process holds is not copied at all (there is nothing to
 * recover in it, and the live instance keeps its own timer), and a copy of an LRA that is closing or cancelling keeps
 * no timer. Otherwise every LRA is recovered as Narayana does (registered if unknown, phase 2 replayed if it has
 * pending work).
 *
 * <p>A subclass, so that Narayana's {@link LRARecoveryModule#getService()} (which the REST resource uses) finds
 * this module among the recovery modules and serves the same {@link LRAService}.
 */
public class LiveAwareLraRecovery extends LRARecoveryModule {

    private static final Logger log = LoggerFactory.getLogger(LiveAwareLraRecovery.class);
    private static final String RECOVERING_LRA = "io.narayana.lra.coordinator.internal.RecoveringLRA";

    private final TransactionStatusConnectionManager statuses = new TransactionStatusConnectionManager();
    private final Constructor<? extends LongRunningAction> recoveringLra;
    private final Method replayPhase2;
    private final Field scheduledAbort;

    /** Created by Narayana's recovery manager from its class name (see {@link NarayanaRuntime}). */
    public LiveAwareLraRecovery() {
        try {
            // Narayana's recovering copy is package-private; its behaviour (phase 2 replay) is what we keep.
            Class<? extends LongRunningAction> type =
                    Class.forName(RECOVERING_LRA).asSubclass(LongRunningAction.class);
            recoveringLra = type.getDeclaredConstructor(LRAService.class, Uid.class, int.class);
            recoveringLra.setAccessible(true);
            replayPhase2 = type.getMethod("replayPhase2");
            replayPhase2.setAccessible(true);
            // The time-limit timer restoring an LRA arms; Narayana offers no way to cancel it.
            scheduledAbort = LongRunningAction.class.getDeclaredField("scheduledAbort");
            scheduledAbort.setAccessible(true);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("This Narayana LRA version has no " + RECOVERING_LRA
                    + "(LRAService, Uid, int) with replayPhase2(), or LongRunningAction has no scheduledAbort field: "
                    + "LiveAwareLraRecovery must be revisited", e);
        }
    }

    @Override
    public void periodicWorkSecondPass() {
        recoverStoredLras();
    }

    @Override
    public void recover() {
        recoverStoredLras();
    }

    private synchronized void recoverStoredLras() {
        RecoveryStore store = StoreManager.getRecoveryStore();
        LRAService live = getService();
        // Copies used only to look: their timers do nothing and they never register (see StoredLra).
        LRAService scratch = new LRAService();
        for (Uid uid : StoredLra.storedUids()) {
            try {
                if (store.currentState(uid, LongRunningAction.getType()) == StateStatus.OS_UNKNOWN
                        || activeAndHeldLive(live, new StoredLra(scratch, uid))) {
                    continue;
                }
                recover(live, uid);
            } catch (ObjectStoreException | RuntimeException e) {
                log.info("Could not recover LRA {} in this scan; the next one retries: {}", uid, e.toString());
            }
        }
    }

    /** An Active LRA this process holds has nothing to recover; a copy of it would only arm a second timer. */
    private static boolean activeAndHeldLive(LRAService live, StoredLra stored) {
        return stored.load() && stored.getLRAStatus() == LRAStatus.Active
                && live.lookupTransaction(stored.getId()) != null;
    }

    /** What Narayana's module does for one stored LRA, except that a copy of an ending LRA keeps no timer. */
    private void recover(LRAService live, Uid uid) {
        LongRunningAction lra = newRecoveringLra(live, uid, statuses.getTransactionStatus(LongRunningAction.getType(), uid));
        LRAStatus status = lra.getLRAStatus();
        if (status != LRAStatus.Active) {
            // A time limit only ever cancels an Active LRA; on one that is closing it could only undo the close.
            disarmTimeLimit(lra);
        }
        if (status == LRAStatus.FailedToCancel || status == LRAStatus.FailedToClose) {
            moveEntryToFailedLRAPath(uid);
            return;
        }
        if (!live.hasTransaction(lra.getId())) {
            live.addTransaction(lra);
        }
        if (status != LRAStatus.Active && lra.hasPendingActions()) {
            replayPhase2(lra);
            if (!lra.isRecovering()) {
                live.finished(lra, false);
            }
        }
    }

    private void disarmTimeLimit(LongRunningAction lra) {
        try {
            if (scheduledAbort.get(lra) instanceof ScheduledFuture<?> timer) {
                timer.cancel(false);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private LongRunningAction newRecoveringLra(LRAService live, Uid uid, int actionStatus) {
        try {
            return recoveringLra.newInstance(live, uid, actionStatus);
        } catch (InvocationTargetException e) {
            throw asRuntime(e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private void replayPhase2(LongRunningAction lra) {
        try {
            replayPhase2.invoke(lra);
        } catch (InvocationTargetException e) {
            throw asRuntime(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static RuntimeException asRuntime(Throwable cause) {
        return cause instanceof RuntimeException runtime ? runtime : new IllegalStateException(cause);
    }
}
