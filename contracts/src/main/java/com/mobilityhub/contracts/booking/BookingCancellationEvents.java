package com.mobilityhub.contracts.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of the booking cancellation saga's events (see {@link BookingCancellationSaga}).
 * As in the booking saga, the envelope's aggregateId and the record key are the booking id, and the
 * record carries the {@code Long-Running-Action} header of the cancellation's own LRA. Every event
 * carries the fee the hub computed, so every service works with one figure.
 */
public final class BookingCancellationEvents {

    /** An exact amount of money: at most 2 fraction digits, never a float. */
    public record Money(BigDecimal amount, String currency) {
    }

    /** hub: the rider asked to cancel a CONFIRMED booking; the cancellation's LRA is started. */
    public record BookingCancellationRequested(BookingSnapshot booking, UUID tripId, Money fee, Instant requestedAt) {
    }

    /** trip-service (pivot): the trip, not started yet, is CANCELLED under the cancellation's LRA. */
    public record TripCancellationAccepted(BookingSnapshot booking, UUID tripId, Money fee) {
    }

    /** trip-service: the trip has started (or is unknown): the booking cannot be cancelled. */
    public record TripCancellationRefused(BookingSnapshot booking, UUID tripId, String tripStatus, String detail) {
    }

    /** trip-service, compensation: the trip it had cancelled under this LRA is CREATED again. */
    public record TripReinstated(BookingSnapshot booking, UUID tripId) {
    }

    /** user-service: the fee will be taken from the hold and the rest released when the LRA closes. */
    public record CancellationFeeScheduled(BookingSnapshot booking, Money fee, BigDecimal held) {
    }

    /** vehicle-service: the reservation will be released (vehicle AVAILABLE) when the LRA closes. */
    public record VehicleReleaseScheduled(BookingSnapshot booking, UUID reservationId, Money fee) {
    }

    /** notification-service: the cancellation notice will be sent when the LRA closes. The last step. */
    public record CancellationNoticeScheduled(BookingSnapshot booking, Money fee) {
    }

    private BookingCancellationEvents() {
    }
}
