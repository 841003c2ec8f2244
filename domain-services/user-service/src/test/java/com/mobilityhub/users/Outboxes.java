package com.mobilityhub.users;

import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;

/** Test view of the service-kit outbox table. */
public final class Outboxes {

    public static long pending(JdbcTemplate jdbc) {
        return jdbc.queryForObject("select count(*) from outbox_event", Long.class);
    }

    /** Waits until the relay has had every recorded event acknowledged by Kafka. */
    public static void awaitEmpty(JdbcTemplate jdbc, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (pending(jdbc) > 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("The outbox still holds " + pending(jdbc) + " events after " + timeout);
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }

    private Outboxes() {
    }
}
