package com.mobilityhub.contracts.api.trips;

import com.mobilityhub.contracts.api.GeoPoint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A trip as clients see it ({@code GET /trips/{id}}, items of {@code GET /trips}).
 *
 * @param bookingId   the booking that created the trip (one trip per booking)
 * @param fare        the fare agreed at booking, 2 decimals; null until known
 * @param route       the positions recorded during the trip, in order
 * @param startedAt   when the rider started it; null while CREATED (or cancelled before starting)
 * @param completedAt when the rider completed it; null until COMPLETED
 * @param measured    what the vehicle measured over the trip; null until COMPLETED
 */
public record TripView(UUID id, String bookingId, UUID userId, UUID vehicleId, TripStatus status,
                       GeoPoint pickup, GeoPoint dropoff, BigDecimal fare, List<RoutePoint> route,
                       Instant createdAt, Instant updatedAt, Instant startedAt, Instant completedAt,
                       Measurements measured) {

    /** One recorded position; {@code sequence} is zero-based and gapless within a trip. */
    public record RoutePoint(int sequence, double lat, double lng, Instant at) {
    }

    /** The completed trip's distance, duration and energy, exact decimals. */
    public record Measurements(BigDecimal distanceKm, BigDecimal durationMinutes, BigDecimal energyKwh) {
    }
}
