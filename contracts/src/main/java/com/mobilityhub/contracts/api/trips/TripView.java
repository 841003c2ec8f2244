package com.mobilityhub.contracts.api.trips;

import com.mobilityhub.contracts.api.GeoPoint;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A trip as clients see it ({@code GET /trips/{id}}, items of {@code GET /trips}).
 *
 * @param bookingId the booking that created the trip (one trip per booking)
 * @param fare      the fare agreed at booking, 2 decimals; null until known
 * @param route     the positions recorded during the trip, in order
 */
public record TripView(UUID id, String bookingId, UUID userId, UUID vehicleId, TripStatus status,
                       GeoPoint pickup, GeoPoint dropoff, BigDecimal fare, List<RoutePoint> route,
                       Instant createdAt, Instant updatedAt) {

    /** One recorded position; {@code sequence} is zero-based and gapless within a trip. */
    public record RoutePoint(int sequence, double lat, double lng, Instant at) {
    }
}
