package com.mobilityhub.hub.bookings;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.time.Duration;

/**
 * {@code mobility.booking.cancellation.*}: the cancellation fee rule and the cancellation saga's limits.
 *
 * @param freePeriod     cancelling within this long after the booking was confirmed costs nothing
 * @param feeRate        afterwards the fee is this share of the held fare (HALF_UP to cents) ...
 * @param minimumFee     ... but at least this much ...
 * @param currency       ... in this currency, and never more than the fare itself
 * @param sagaTimeout    the cancellation LRA's time limit: past it the coordinator cancels it (booking stays CONFIRMED)
 * @param requestWait    how long {@code POST /bookings/{id}/cancel} waits for the outcome without {@code Prefer: wait}
 */
@Validated
@ConfigurationProperties("mobility.booking.cancellation")
public record BookingCancellationProperties(
        @NotNull @DefaultValue("5m") Duration freePeriod,
        @NotNull @DecimalMin("0") @DecimalMax("1") @DefaultValue("0.10") BigDecimal feeRate,
        @NotNull @DecimalMin("0") @DefaultValue("1.00") BigDecimal minimumFee,
        @NotNull @Pattern(regexp = "[A-Z]{3}") @DefaultValue("EUR") String currency,
        @NotNull @DefaultValue("30s") Duration sagaTimeout,
        @NotNull @DefaultValue("10s") Duration requestWait) {
}
