package com.mobilityhub.contracts.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * The {@code data} of every booking saga event. The envelope's aggregateId is the booking id for
 * all of them, so one booking's events stay in order per topic and the hub can build its timeline.
 * The Kafka record also carries the {@code Long-Running-Action} header of the booking's LRA.
 */
public final class BookingSagaEvents {

    /** hub: a booking was accepted and its LRA started. */
    public record BookingRequested(BookingSnapshot booking, Instant requestedAt) {
    }

    /** user-service: the fare is held on the user's credit account. */
    public record CreditsReserved(BookingSnapshot booking, UUID holdId, BigDecimal amount) {
    }

    /** user-service: the hold was refused (reason INSUFFICIENT_CREDITS or UNKNOWN_USER). */
    public record CreditsRejected(BookingSnapshot booking, RejectionReason reason, String detail) {
    }

    /** user-service, compensation: the hold is released (or was never made: {@code holdId} null). */
    public record CreditsReleased(BookingSnapshot booking, UUID holdId, BigDecimal amount) {
    }

    /** vehicle-service: the vehicle is RESERVED for this booking. */
    public record VehicleReserved(BookingSnapshot booking, UUID reservationId) {
    }

    /** vehicle-service: the vehicle could not be reserved (VEHICLE_UNAVAILABLE or UNKNOWN_VEHICLE). */
    public record VehicleUnavailable(BookingSnapshot booking, RejectionReason reason, String detail) {
    }

    /** vehicle-service, compensation: the reservation is released and the vehicle AVAILABLE again. */
    public record VehicleReleased(BookingSnapshot booking, UUID reservationId) {
    }

    /** trip-service: the trip exists, status CREATED. */
    public record TripCreated(BookingSnapshot booking, UUID tripId) {
    }

    /** trip-service: the trip could not be created (TRIP_REJECTED). */
    public record TripRejected(BookingSnapshot booking, RejectionReason reason, String detail) {
    }

    /** trip-service, compensation: the trip is CANCELLED (or was never created: {@code tripId} null). */
    public record TripCancelled(BookingSnapshot booking, UUID tripId) {
    }

    /** notification-service: the rider was sent the confirmation. Terminal success event of the saga. */
    public record ConfirmationSent(BookingSnapshot booking, UUID tripId, UUID notificationId) {
    }

    /** notification-service: the confirmation could not be sent (NOTIFICATION_FAILED). */
    public record NotificationFailed(BookingSnapshot booking, RejectionReason reason, String detail) {
    }

    /** notification-service, compensation: the rider was told the booking is off. */
    public record CancellationSent(BookingSnapshot booking, UUID notificationId) {
    }

    /** hub: the booking reached a terminal state (CONFIRMED, REJECTED with reason, CANCELLED). */
    public record BookingConcluded(BookingSnapshot booking, String status, RejectionReason reason) {
    }

    private BookingSagaEvents() {
    }
}
