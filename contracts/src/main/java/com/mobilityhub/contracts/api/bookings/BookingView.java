package com.mobilityhub.contracts.api.bookings;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A booking as {@code GET /bookings/{id}} shows it, with the saga's timeline: every step, undo and
 * callback in the order they happened.
 *
 * @param reason null unless REJECTED (a {@code RejectionReason} name)
 * @param lraId  the booking's LRA (a URL on the coordinator)
 */
public record BookingView(UUID bookingId, UUID userId, UUID vehicleId, UUID tripId, BookingStatus status, String reason,
                          BigDecimal fare, String lraId, Instant createdAt, Instant updatedAt,
                          List<TimelineEntry> timeline) {

    /**
     * @param service the app that did it (hub, user-service, ...)
     * @param step    the saga step or compensation ({@code reserve-credits}, {@code release-credits}, ...)
     * @param outcome the event or state it produced ({@code CreditsReserved}, {@code CONFIRMED}, ...)
     * @param detail  a reason or note, may be null
     */
    public record TimelineEntry(Instant at, String service, String step, String outcome, String detail) {
    }
}
