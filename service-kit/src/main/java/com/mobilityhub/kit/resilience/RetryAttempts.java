package com.mobilityhub.kit.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;

import java.time.Duration;

/**
 * One call's tries (a gateway, a service): the first, then up to {@code retries} more, each after an
 * exponentially growing delay; none after the breaker refused a call (open: fail fast) or a success.
 * Kept on the exchange by the calling route's loop (billing's charge-payment-gateway, the hub's
 * call-<svc>-service), because Camel's redelivery does not re-run a circuitBreaker() step.
 */
public final class RetryAttempts {

    private final int retries;
    private final Duration retryDelay;
    private final double backoffMultiplier;
    private int made;
    private boolean succeeded;
    private Throwable lastFailure;

    public RetryAttempts(int retries, Duration retryDelay, double backoffMultiplier) {
        this.retries = retries;
        this.retryDelay = retryDelay;
        this.backoffMultiplier = backoffMultiplier;
    }

    /** Whether to try (again). */
    public boolean another() {
        return !succeeded && made <= retries && !(lastFailure instanceof CallNotPermittedException);
    }

    /** Counts the attempt about to be made and answers how long to wait before it (0 for the first). */
    public long delayBeforeNextMillis() {
        made++;
        return made == 1 ? 0 : Math.round(retryDelay.toMillis() * Math.pow(backoffMultiplier, made - 2));
    }

    public void succeeded() {
        succeeded = true;
    }

    public void failed(Throwable cause) {
        lastFailure = cause;
    }

    public boolean hasSucceeded() {
        return succeeded;
    }

    public Throwable lastFailure() {
        return lastFailure;
    }

    public int made() {
        return made;
    }
}
