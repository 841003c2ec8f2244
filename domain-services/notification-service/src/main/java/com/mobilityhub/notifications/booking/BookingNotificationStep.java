package com.mobilityhub.notifications.booking;

import com.mobilityhub.contracts.booking.SagaParticipation;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/**
 * notification-service's part in one booking's saga. Created by the step (confirmation sent, or
 * failed) or, when the compensation overtakes the step, by the compensation as a tombstone.
 */
@Entity
@Table(name = "booking_notification_step")
public class BookingNotificationStep {

    public enum State {
        /** The rider was sent the confirmation; the saga is not concluded yet. */
        CONFIRMATION_SENT,
        /** The saga closed: the confirmation stands. */
        COMPLETED,
        /** The confirmation could not be sent (NotificationFailed). */
        FAILED,
        /** The rider was told the booking is off. */
        CANCELLATION_SENT,
        /** The compensation came first: nothing was sent, and a late TripCreated is refused. */
        CANCELLED_BEFORE_STEP
    }

    @Id
    @Column(name = "booking_id")
    private UUID bookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private State state;

    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "trip_id")
    private UUID tripId;

    @Column(name = "confirmation_id")
    private UUID confirmationId;

    @Column(name = "cancellation_id")
    private UUID cancellationId;

    @Column(nullable = false)
    private String booking;

    @Column(name = "lra_id", length = 500)
    private String lraId;

    @Column(length = 500)
    private String detail;

    @Column(name = "compensated_at")
    private Instant compensatedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** Incremented by every change; also the version of the event that change emits. */
    @Column(nullable = false)
    private long version;

    protected BookingNotificationStep() {
    }

    private BookingNotificationStep(UUID bookingId, State state, UUID userId, UUID tripId, String booking,
                                    String lraId, String detail, Instant now) {
        this.bookingId = bookingId;
        this.state = state;
        this.userId = userId;
        this.tripId = tripId;
        this.booking = booking;
        this.lraId = lraId;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        this.updatedAt = now;
        this.version = 1;
    }

    static BookingNotificationStep confirmationSent(UUID bookingId, UUID userId, UUID tripId, UUID confirmationId,
                                                    String booking, String lraId, Instant now) {
        BookingNotificationStep step = new BookingNotificationStep(bookingId, State.CONFIRMATION_SENT, userId, tripId,
                booking, lraId, null, now);
        step.confirmationId = confirmationId;
        return step;
    }

    static BookingNotificationStep failed(UUID bookingId, UUID userId, UUID tripId, String booking, String lraId,
                                          String detail, Instant now) {
        return new BookingNotificationStep(bookingId, State.FAILED, userId, tripId, booking, lraId, detail, now);
    }

    static BookingNotificationStep cancelledBeforeStep(UUID bookingId, String booking, String lraId, Instant now) {
        BookingNotificationStep tombstone = new BookingNotificationStep(bookingId, State.CANCELLED_BEFORE_STEP, null,
                null, booking, lraId, "compensated before the step arrived", now);
        tombstone.compensatedAt = now;
        return tombstone;
    }

    /** Whether the compensation still has to run (it runs once). */
    boolean awaitsCompensation() {
        return compensatedAt == null;
    }

    /** The compensation ran; {@code cancellationId} is the cancellation sent, null when nothing had been confirmed. */
    void compensated(UUID cancellationId, Instant now) {
        if (state == State.CONFIRMATION_SENT || state == State.COMPLETED) {
            state = State.CANCELLATION_SENT;
        }
        this.cancellationId = cancellationId;
        compensatedAt = now;
        touch(now);
    }

    /** The saga closed: the confirmation stands. Returns false when there was nothing to record. */
    boolean complete(Instant now) {
        if (state != State.CONFIRMATION_SENT) {
            return false;
        }
        state = State.COMPLETED;
        touch(now);
        return true;
    }

    SagaParticipation.State participation() {
        return switch (state) {
            case CONFIRMATION_SENT -> SagaParticipation.State.ACTIVE;
            case COMPLETED -> SagaParticipation.State.COMPLETED;
            case FAILED -> SagaParticipation.State.FAILED;
            case CANCELLATION_SENT, CANCELLED_BEFORE_STEP -> SagaParticipation.State.COMPENSATED;
        };
    }

    private void touch(Instant now) {
        updatedAt = now;
        version++;
    }

    public UUID getBookingId() {
        return bookingId;
    }

    public State getState() {
        return state;
    }

    public UUID getUserId() {
        return userId;
    }

    public UUID getTripId() {
        return tripId;
    }

    public UUID getConfirmationId() {
        return confirmationId;
    }

    public String getBooking() {
        return booking;
    }

    public String getDetail() {
        return detail;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public long getVersion() {
        return version;
    }
}
