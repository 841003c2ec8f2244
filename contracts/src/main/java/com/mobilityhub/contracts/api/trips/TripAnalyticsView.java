package com.mobilityhub.contracts.api.trips;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * {@code GET /analytics/vehicles/{id}} and {@code /analytics/users/{id}}: the completed trips of one vehicle
 * or one rider, summed. {@code revenue} is the total of the invoices billing-service issued for those
 * trips (0 until it has issued any). Exact decimals.
 *
 * @param subject {@code vehicle} or {@code user}
 */
public record TripAnalyticsView(String subject, UUID id, long trips, BigDecimal distanceKm,
                                BigDecimal durationMinutes, BigDecimal energyKwh, BigDecimal revenue) {
}
