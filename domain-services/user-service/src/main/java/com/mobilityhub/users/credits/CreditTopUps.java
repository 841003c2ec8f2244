package com.mobilityhub.users.credits;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.kit.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Adds credits to an account and records CreditsToppedUp in the same transaction. Two top-ups of
 * one account race on its optimistic version: the loser's transaction rolls back whole (no event
 * either) and is run again on fresh state, so no top-up is ever lost. After
 * {@code mobility.users.top-up.max-attempts} lost races the caller gets a 409 and may retry.
 */
@Service
public class CreditTopUps {

    private static final Logger LOG = LoggerFactory.getLogger(CreditTopUps.class);

    private final CreditAccountRepository accounts;
    private final Outbox outbox;
    private final TransactionTemplate transaction;
    private final int maxAttempts;
    private final long backoffMillis;

    public CreditTopUps(CreditAccountRepository accounts, Outbox outbox, PlatformTransactionManager transactionManager,
                        @Value("${mobility.users.top-up.max-attempts:25}") int maxAttempts,
                        @Value("${mobility.users.top-up.backoff-ms:10}") long backoffMillis) {
        this.accounts = accounts;
        this.outbox = outbox;
        this.transaction = new TransactionTemplate(transactionManager);
        this.maxAttempts = maxAttempts;
        this.backoffMillis = backoffMillis;
    }

    /** The account after adding {@code amount}; a 404 problem when the user has none. */
    public CreditAccount topUp(UUID userId, BigDecimal amount) {
        for (int attempt = 1; ; attempt++) {
            try {
                return transaction.execute(status -> applyOnce(userId, amount));
            } catch (OptimisticLockingFailureException lostRace) {
                if (attempt >= maxAttempts) {
                    LOG.warn("Top-up of {} lost {} races in a row; answering 409", userId, attempt);
                    throw ProblemException.conflict("Concurrent update",
                            "The credit account changed concurrently too often; retry the top-up");
                }
                pause(attempt);
            }
        }
    }

    private CreditAccount applyOnce(UUID userId, BigDecimal amount) {
        CreditAccount account = accounts.findById(userId)
                .orElseThrow(() -> ProblemException.notFound("User", userId.toString()));
        account.topUp(amount, Instant.now().truncatedTo(ChronoUnit.MICROS));
        // Flush now: a lost race surfaces here, and the event carries the version just written.
        accounts.flush();
        CreditsToppedUp data = new CreditsToppedUp(userId, amount, account.getBalance(), account.getHeld());
        outbox.record(Topics.USERS, EventEnvelope.of(EventTypes.CREDITS_TOPPED_UP, userId.toString(),
                account.getVersion(), EventJson.mapper().valueToTree(data)));
        return account;
    }

    private void pause(int attempt) {
        // Jittered exponential backoff, so the racers do not collide again in lockstep.
        long ceiling = backoffMillis << Math.min(attempt, 5);
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while retrying a top-up", e);
        }
    }
}
