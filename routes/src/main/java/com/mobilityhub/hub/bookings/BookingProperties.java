package com.mobilityhub.hub.bookings;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * {@code mobility.booking.*}: the tariff, the saga's time limit and how the hub ends sagas.
 *
 * @param sagaTimeout       the LRA time limit: past it the coordinator cancels the saga (REJECTED TIMEOUT)
 * @param maxWait           the longest {@code Prefer: wait=N} honoured
 * @param closeConsumers    threads that ask the coordinator to close or cancel (each call blocks until every
 *                          participant answered, ~70 ms)
 * @param closeRetryPeriod  how often unanswered closes/cancels are retried (coordinator down)
 * @param closeTimeout      how long one close/cancel request may take before it counts as failed (and is retried)
 * @param startCancelPeriod how long the hub keeps cancelling an LRA whose start failed half-way
 */
@Validated
@ConfigurationProperties("mobility.booking")
public record BookingProperties(
        @NotNull @Valid Tariff tariff,
        @NotNull @DefaultValue("30s") Duration sagaTimeout,
        @NotNull @DefaultValue("30s") Duration maxWait,
        @Min(1) @DefaultValue("16") int closeConsumers,
        @NotNull @DefaultValue("2s") Duration closeRetryPeriod,
        @NotNull @DefaultValue("30s") Duration closeTimeout,
        @NotNull @DefaultValue("10m") Duration startCancelPeriod) {

    /** Fare = base + perKm x haversine distance in km, rounded HALF_UP to 2 decimals. */
    public record Tariff(
            @NotNull @DecimalMin("0") @DefaultValue("2.50") BigDecimal base,
            @NotNull @DecimalMin("0") @DefaultValue("1.20") BigDecimal perKm) {
    }
}
