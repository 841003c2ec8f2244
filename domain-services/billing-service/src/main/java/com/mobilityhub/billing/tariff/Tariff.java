package com.mobilityhub.billing.tariff;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * {@code mobility.billing.tariff.*}: what a trip costs. fare = base + perKm x distanceKm +
 * perMinute x durationMinutes, each part rounded HALF_UP to cents on its own, so the parts shown on
 * an invoice always add up to its amount. Exact decimals throughout, never floating point.
 */
@Validated
@ConfigurationProperties("mobility.billing.tariff")
public record Tariff(
        @NotNull @Pattern(regexp = "[A-Z]{3}") @DefaultValue("EUR") String currency,
        @NotNull @DecimalMin("0.00") @DefaultValue("1.00") BigDecimal base,
        @NotNull @DecimalMin("0.00") @DefaultValue("0.90") BigDecimal perKm,
        @NotNull @DecimalMin("0.00") @DefaultValue("0.25") BigDecimal perMinute) {

    /** The fare of a trip of {@code distanceKm} lasting {@code durationMinutes} (both not negative). */
    public Fare fareOf(BigDecimal distanceKm, BigDecimal durationMinutes) {
        if (distanceKm.signum() < 0 || durationMinutes.signum() < 0) {
            throw new IllegalArgumentException("distance and duration must not be negative");
        }
        BigDecimal baseFare = cents(base);
        BigDecimal distanceFare = cents(perKm.multiply(distanceKm));
        BigDecimal timeFare = cents(perMinute.multiply(durationMinutes));
        return new Fare(baseFare, distanceFare, timeFare, baseFare.add(distanceFare).add(timeFare), currency);
    }

    private static BigDecimal cents(BigDecimal amount) {
        return amount.setScale(2, RoundingMode.HALF_UP);
    }

    /** A priced trip: {@code total = base + distance + time}, all at 2 decimals in {@code currency}. */
    public record Fare(BigDecimal base, BigDecimal distance, BigDecimal time, BigDecimal total, String currency) {
    }
}
