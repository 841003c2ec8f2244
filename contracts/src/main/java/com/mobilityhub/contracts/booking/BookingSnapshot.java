package com.mobilityhub.contracts.booking;

import com.mobilityhub.contracts.api.GeoPoint;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What every step of the booking saga needs to know about the booking. Each saga event carries it,
 * so no participant has to call another service to do its step.
 *
 * @param fare the fare estimate held in credits (exact decimal, 2 fraction digits)
 */
public record BookingSnapshot(UUID bookingId, UUID userId, UUID vehicleId, GeoPoint pickup, GeoPoint dropoff,
                              BigDecimal fare) {
}
