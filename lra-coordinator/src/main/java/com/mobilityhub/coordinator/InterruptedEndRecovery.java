package com.mobilityhub.coordinator;

import com.arjuna.ats.arjuna.common.Uid;
import com.arjuna.ats.arjuna.recovery.RecoveryModule;
import io.narayana.lra.coordinator.domain.service.LRAService;
import io.narayana.lra.coordinator.internal.LRARecoveryModule;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes LRAs whose close (or cancel) was cut short by a crash: a recovery module that runs before Narayana's
 * {@link LRARecoveryModule} in every scan (see {@link NarayanaRuntime}).
 *
 * <p>Why: when Narayana 1.1.0 closes an LRA it first writes every participant to its "prepared" list, then calls
 * the complete URLs one by one, then records the outcomes. Killed in between, the LRA comes back Closing with its
 * participants on that list, and {@code RecoveringLRA.replayPhase2} only retries the heuristic and pending lists: the
 * LRA stays Closing forever, no participant hears of it, and a new close or cancel from a client ends it without
 * calling anyone. This module moves such participants to the heuristic list in the store, before Narayana loads the
 * LRA, so its recovery calls each of them again (participants must be idempotent: one may already have completed).
 *
 * <p>Only LRAs the running coordinator does not know yet are touched, i.e. those left by a previous process: an LRA
 * this process is ending is in memory, and its store entry is this process's business.
 */
public class InterruptedEndRecovery implements RecoveryModule {

    private static final Logger log = LoggerFactory.getLogger(InterruptedEndRecovery.class);

    /** Created by Narayana's recovery manager from its class name (see {@link NarayanaRuntime}). */
    public InterruptedEndRecovery() {
    }

    /** Runs in the first pass of a scan, so Narayana's module (second pass) already finds the repaired entries. */
    @Override
    public void periodicWorkFirstPass() {
        LRAService running = LRARecoveryModule.getService();
        // A private service: the stored copies must not register themselves, or their locks, with the real one.
        LRAService scratch = new LRAService();
        for (Uid uid : StoredLra.storedUids()) {
            try {
                requeueIfInterrupted(running, new StoredLra(scratch, uid));
            } catch (RuntimeException e) {
                log.warn("Could not check stored LRA {} for an interrupted close; next scan retries", uid, e);
            }
        }
    }

    @Override
    public void periodicWorkSecondPass() {
        // all done in the first pass
    }

    private static void requeueIfInterrupted(LRAService running, StoredLra stored) {
        // A read can race a write of the same entry by this process (the file store rewrites files in place);
        // such an LRA is one this process knows, and is skipped below anyway.
        if (!stored.load() || running.hasTransaction(stored.getId()) || !stored.endWasInterrupted()) {
            return;
        }
        String end = stored.isCancel() ? "cancel" : "close";
        int participants = stored.requeueInterruptedEnd();
        log.warn("LRA {} was interrupted in the middle of its {} (coordinator stopped); its {} participant(s) are "
                + "called again by recovery", stored.getId(), end, participants);
    }
}
