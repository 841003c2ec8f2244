package com.mobilityhub.contracts.trips;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of the trip lifecycle events on {@code mobility.trips.events.v1}. Unlike the
 * booking saga's trip events (keyed by booking id), these are about the trip: the envelope's
 * aggregateId and the record key are the trip id, and they carry no LRA header.
 */
public final class TripEvents {

    /** The rider set off: the trip is IN_PROGRESS; vehicle-service marks the vehicle IN_USE. */
    public record TripStarted(UUID tripId, String bookingId, UUID userId, UUID vehicleId, Instant startedAt) {
    }

    /**
     * The rider arrived: the trip is COMPLETED. The start of the completion choreography: vehicle-service
     * adds the mileage and frees the vehicle, trip-service records analytics, billing-service charges the
     * fare. Measurements are exact decimals.
     */
    public record TripCompleted(UUID tripId, String bookingId, UUID userId, UUID vehicleId, BigDecimal distanceKm,
                                BigDecimal durationMinutes, BigDecimal energyKwh, Instant startedAt,
                                Instant completedAt) {
    }

    private TripEvents() {
    }
}
