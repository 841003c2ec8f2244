package com.mobilityhub.contracts.api.bookings;

import com.mobilityhub.contracts.api.GeoPoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** {@code POST /bookings}: a rider asks for a vehicle to take them from pickup to dropoff. */
public record RequestBooking(
        @NotNull UUID userId,
        @NotNull UUID vehicleId,
        @NotNull @Valid GeoPoint pickup,
        @NotNull @Valid GeoPoint dropoff) {
}
