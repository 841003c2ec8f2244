package com.mobilityhub.contracts.api.bookings;

import java.util.UUID;

/** The 202 answer to {@code POST /bookings}: the saga runs; poll the Location for the outcome. */
public record BookingAccepted(UUID bookingId, BookingStatus status) {
}
