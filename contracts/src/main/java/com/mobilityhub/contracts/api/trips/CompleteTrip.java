package com.mobilityhub.contracts.api.trips;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/**
 * {@code POST /trips/{id}/complete}: what the vehicle measured over the trip. Exact decimals (JSON numbers
 * or decimal strings), never negative; precision as stored by trip-service.
 */
public record CompleteTrip(
        @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 3) BigDecimal distanceKm,
        @NotNull @DecimalMin("0") @Digits(integer = 8, fraction = 2) BigDecimal durationMinutes,
        @NotNull @DecimalMin("0") @Digits(integer = 7, fraction = 3) BigDecimal energyKwh) {
}
