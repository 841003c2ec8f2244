package com.mobilityhub.kit.outbox;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRelaySchedulerTest {

    /** Far longer than any test waits: a poll that happens was woken, not timed. */
    private static final Duration NEVER = Duration.ofHours(1);

    private OutboxRelayScheduler scheduler;

    @AfterEach
    void stop() {
        if (scheduler != null) {
            scheduler.stop();
        }
    }

    @Test
    void pollsWhenWokenWithoutWaitingForThePollDelay() throws InterruptedException {
        CountDownLatch polled = new CountDownLatch(1);
        scheduler = started(NEVER, polled::countDown);

        scheduler.wakeUp();

        assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void stillPollsEveryPollDelayWithoutWakeUps() throws InterruptedException {
        CountDownLatch polled = new CountDownLatch(3);
        scheduler = started(Duration.ofMillis(5), polled::countDown);

        assertThat(polled.await(30, TimeUnit.SECONDS)).isTrue();
    }

    @Test
    void aFailingPollDoesNotEndTheRelay() throws InterruptedException {
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch failed = new CountDownLatch(1);
        CountDownLatch pollAfterFailure = new CountDownLatch(1);
        scheduler = started(NEVER, () -> {
            if (attempts.incrementAndGet() == 1) {
                failed.countDown();
                throw new IllegalStateException("broker down");
            }
            pollAfterFailure.countDown();
        });

        scheduler.wakeUp();
        assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
        scheduler.wakeUp();

        assertThat(pollAfterFailure.await(30, TimeUnit.SECONDS)).isTrue();
        assertThat(scheduler.isSchedulerStarted()).isTrue();
    }

    @Test
    void theRelayRunsFromTheMomentItStarts() throws InterruptedException {
        // Many fresh schedulers: the loop must never miss that it is the current relay thread.
        for (int i = 0; i < 200; i++) {
            CountDownLatch polled = new CountDownLatch(1);
            OutboxRelayScheduler fresh = started(NEVER, polled::countDown);
            try {
                fresh.wakeUp();
                assertThat(polled.await(30, TimeUnit.SECONDS)).as("scheduler %d polled", i).isTrue();
            } finally {
                fresh.stop();
            }
        }
    }

    @Test
    void stoppingEndsTheRelayThread() throws InterruptedException {
        scheduler = started(NEVER, () -> { });
        assertThat(scheduler.isSchedulerStarted()).isTrue();

        scheduler.stop();

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (scheduler.isSchedulerStarted() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(scheduler.isSchedulerStarted()).isFalse();
    }

    private static OutboxRelayScheduler started(Duration pollDelay, Runnable poll) {
        OutboxRelayScheduler scheduler = new OutboxRelayScheduler(pollDelay);
        scheduler.scheduleTask(poll);
        scheduler.start();
        scheduler.startScheduler();
        return scheduler;
    }
}
