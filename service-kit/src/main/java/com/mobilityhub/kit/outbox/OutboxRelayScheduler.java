package com.mobilityhub.kit.outbox;

import org.apache.camel.CamelContext;
import org.apache.camel.Consumer;
import org.apache.camel.spi.ScheduledPollConsumerScheduler;
import org.apache.camel.support.service.ServiceSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;

/**
 * Runs the outbox relay's poll as soon as a transaction that recorded an event has committed
 * ({@link #wakeUp()}, called by {@link Outbox} after commit), and otherwise every poll delay, which
 * still catches events committed by another instance or while the relay was busy. Polling alone
 * made every saga hop wait half a poll delay on average before its event left for Kafka.
 * Wake-ups that arrive during a poll coalesce into one more poll; polls never overlap.
 */
public class OutboxRelayScheduler extends ServiceSupport implements ScheduledPollConsumerScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayScheduler.class);

    private final Duration pollDelay;
    private final Object signal = new Object();
    private boolean woken;
    private volatile Runnable poll;
    private volatile Thread thread;
    private CamelContext camelContext;

    public OutboxRelayScheduler(Duration pollDelay) {
        this.pollDelay = pollDelay;
    }

    /** Asks for a poll now; cheap, safe from any thread, coalesced. */
    public void wakeUp() {
        synchronized (signal) {
            woken = true;
            signal.notifyAll();
        }
    }

    @Override
    public void onInit(Consumer consumer) {
        // nothing to remember: the consumer hands us its poll through scheduleTask
    }

    @Override
    public void scheduleTask(Runnable task) {
        this.poll = task;
    }

    @Override
    public void unscheduleTask() {
        this.poll = null;
    }

    @Override
    public void startScheduler() {
        if (thread == null) {
            // Assigned before it starts: the loop runs only while it is the scheduler's current thread.
            Thread relay = Thread.ofPlatform().daemon().name("outbox-relay").unstarted(this::relayLoop);
            thread = relay;
            relay.start();
        }
    }

    @Override
    public boolean isSchedulerStarted() {
        return thread != null && thread.isAlive();
    }

    private void relayLoop() {
        while (thread == Thread.currentThread()) {
            try {
                synchronized (signal) {
                    if (!woken) {
                        signal.wait(Math.max(1, pollDelay.toMillis()));
                    }
                    woken = false;
                }
            } catch (InterruptedException stopping) {
                return;
            }
            Runnable task = poll;
            if (task != null) {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    // The consumer handles its own failures; never let one end the relay.
                    LOG.warn("Outbox relay poll failed: {}", e.toString());
                }
            }
        }
    }

    @Override
    protected void doStop() {
        // Not interrupted: a poll in progress finishes its batch (its transaction), then the loop ends.
        thread = null;
        wakeUp();
    }

    @Override
    public void setCamelContext(CamelContext camelContext) {
        this.camelContext = camelContext;
    }

    @Override
    public CamelContext getCamelContext() {
        return camelContext;
    }
}
