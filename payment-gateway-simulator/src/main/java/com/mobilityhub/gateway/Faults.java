package com.mobilityhub.gateway;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The trouble the simulator makes on purpose: a latency added to every payment and the share of
 * payments that fail with a 503 (before anything is charged). Both change at runtime.
 */
public final class Faults {

    private volatile Duration latency;
    private volatile double failureRate;

    public Faults(Duration latency, double failureRate) {
        set(latency, failureRate);
    }

    public void set(Duration latency, double failureRate) {
        if (latency.isNegative()) {
            throw new IllegalArgumentException("latencyMs must not be negative");
        }
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failureRate must be from 0 to 1");
        }
        this.latency = latency;
        this.failureRate = failureRate;
    }

    public Duration latency() {
        return latency;
    }

    public double failureRate() {
        return failureRate;
    }

    /** Waits out the configured latency, then says whether this payment fails. */
    boolean delayThenDecideFailure() throws InterruptedException {
        Duration wait = latency;
        if (!wait.isZero()) {
            Thread.sleep(wait);
        }
        double rate = failureRate;
        return rate > 0 && ThreadLocalRandom.current().nextDouble() < rate;
    }
}
