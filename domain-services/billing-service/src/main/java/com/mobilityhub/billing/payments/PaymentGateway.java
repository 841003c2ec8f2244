package com.mobilityhub.billing.payments;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * {@code mobility.billing.gateway.*}: the external payment gateway and the circuit breaker in front of it.
 *
 * @param url                    base URL ({@code POST <url>/payments} with an Idempotency-Key)
 * @param timeout                one call longer than this fails (the HTTP connect and response timeouts, inside the breaker)
 * @param failureRateThreshold   percentage of failed calls in the window that opens the breaker
 * @param slidingWindow          the time-based window the failure rate is measured over (whole seconds)
 * @param minimumCalls           calls in the window before the rate counts
 * @param openDuration           how long an open breaker refuses calls before letting trial calls through (half-open)
 * @param halfOpenCalls          trial calls in half-open; their failure rate closes or reopens it
 * @param retries                retries of a failed call (payments are safe to repeat: the idempotency key)
 * @param retryDelay             delay before the first retry, multiplied by {@code retryBackoffMultiplier} for each next one
 * @param retryBackoffMultiplier exponential backoff factor
 * @param maxConnections         pooled HTTP connections to the gateway
 */
@Validated
@ConfigurationProperties("mobility.billing.gateway")
public record PaymentGateway(
        @NotNull @DefaultValue("http://127.0.0.1:8086") URI url,
        @NotNull @DefaultValue("3s") Duration timeout,
        @DecimalMin("1") @DecimalMax("100") @DefaultValue("50") float failureRateThreshold,
        @NotNull @DefaultValue("10s") Duration slidingWindow,
        @Min(1) @DefaultValue("5") int minimumCalls,
        @NotNull @DefaultValue("30s") Duration openDuration,
        @Min(1) @DefaultValue("3") int halfOpenCalls,
        @Min(0) @DefaultValue("3") int retries,
        @NotNull @DefaultValue("200ms") Duration retryDelay,
        @DecimalMin("1") @DefaultValue("2") double retryBackoffMultiplier,
        @Min(1) @DefaultValue("50") int maxConnections) {

    /** The Camel HTTP endpoint of {@code POST /payments}: 4xx/5xx throw (a failure for the breaker and the retries). */
    public String paymentsEndpoint() {
        long millis = timeout.toMillis();
        return url.toString().replaceAll("/+$", "") + "/payments"
                + "?throwExceptionOnFailure=true"
                + "&connectTimeout=" + millis
                + "&connectionRequestTimeout=" + millis
                + "&responseTimeout=" + millis
                + "&soTimeout=" + millis
                + "&maxTotalConnections=" + maxConnections
                + "&connectionsPerRoute=" + maxConnections;
    }
}
