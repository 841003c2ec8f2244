package com.mobilityhub.contracts.api.trips;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;

import java.time.Instant;

/**
 * {@code POST /trips/{id}/locations}: one tracking point of a running trip, appended to its route.
 * {@code at} is when the vehicle was there; the service's clock when absent.
 */
public record RecordLocation(
        @NotNull @DecimalMin("-90.0") @DecimalMax("90.0") Double lat,
        @NotNull @DecimalMin("-180.0") @DecimalMax("180.0") Double lng,
        Instant at) {
}
