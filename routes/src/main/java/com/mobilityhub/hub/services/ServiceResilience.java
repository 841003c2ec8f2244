package com.mobilityhub.hub.services;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code mobility.services.resilience.*}: the circuit breaker each domain service's call route has
 * (one per service, same settings), and the retries of its GETs (safe to repeat; writes are not retried).
 * The call's time limit is {@code mobility.services.response-timeout}.
 *
 * @param failureRateThreshold percentage of failed calls (unreachable, timed out) in the window that opens the breaker
 * @param slidingWindow        time-based window the failure rate is measured over (whole seconds)
 * @param minimumCalls         calls in the window before the rate counts
 * @param openDuration         an open breaker answers 503 at once this long (and says so in Retry-After)
 * @param halfOpenCalls        trial calls after that; they close or reopen it
 * @param getRetries           retries of a failed GET, with exponential backoff from {@code retryDelay}
 * @param retryDelay           delay before the first retry
 * @param retryBackoffMultiplier factor for each next delay
 * @param unavailableRetryAfter Retry-After of a 503 while the breaker is still closed
 */
@Validated
@ConfigurationProperties("mobility.services.resilience")
public record ServiceResilience(
        @DecimalMin("1") @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
        @NotNull @DefaultValue("10s") Duration slidingWindow,
        @Min(1) @DefaultValue("5") int minimumCalls,
        @NotNull @DefaultValue("30s") Duration openDuration,
        @Min(1) @DefaultValue("3") int halfOpenCalls,
        @Min(0) @DefaultValue("3") int getRetries,
        @NotNull @DefaultValue("100ms") Duration retryDelay,
        @DecimalMin("1") @DefaultValue("2") double retryBackoffMultiplier,
        @NotNull @DefaultValue("1s") Duration unavailableRetryAfter) {
}
