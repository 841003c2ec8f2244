package com.mobilityhub.trips.booking;

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
 * trip-service's part in one booking's saga. Created by the step (trip made, or refused) or, when the
 * compensation overtakes the step, by the compensation as a tombstone that makes the late step refuse.
 */
@Entity
@Table(name = "trip_booking_step")
public class TripBookingStep {

    /** Where the step stands. The trip's own status (CREATED, CANCELLED, ...) lives on the trip. */
    public enum State {
        /** The trip exists (CREATED); the saga is not concluded yet. */
        TRIP_CREATED,
        /** The saga closed: the trip stands. */
        CONFIRMED,
        /** The trip could not be created (invalid booking data, or the step came after its compensation). */
        REJECTED,
        /** The trip was cancelled by the compensation. */
        CANCELLED,
        /** The compensation came first: no trip, and a late step is refused. */
        CANCELLED_BEFORE_STEP
    }

    @Id
    @Column(name = "booking_id")
    private UUID bookingId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private State state;

    @Column(name = "trip_id")
    private UUID tripId;

    /** The booking snapshot JSON, so a compensation can describe the booking in its TripCancelled. */
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

    protected TripBookingStep() {
    }

    private TripBookingStep(UUID bookingId, State state, UUID tripId, String booking, String lraId, String detail,
                            Instant now) {
        this.bookingId = bookingId;
        this.state = state;
        this.tripId = tripId;
        this.booking = booking;
        this.lraId = lraId;
        this.detail = detail;
        this.updatedAt = now;
        this.version = 1;
    }

    static TripBookingStep tripCreated(UUID bookingId, UUID tripId, String booking, String lraId, Instant now) {
        return new TripBookingStep(bookingId, State.TRIP_CREATED, tripId, booking, lraId, null, now);
    }

    static TripBookingStep rejected(UUID bookingId, String booking, String lraId, String detail, Instant now) {
        return new TripBookingStep(bookingId, State.REJECTED, null, booking, lraId, truncate(detail), now);
    }

    static TripBookingStep cancelledBeforeStep(UUID bookingId, String booking, String lraId, Instant now) {
        TripBookingStep tombstone = new TripBookingStep(bookingId, State.CANCELLED_BEFORE_STEP, null, booking, lraId,
                "compensated before the step arrived", now);
        tombstone.compensatedAt = now;
        return tombstone;
    }

    /** The compensation ran: the trip (if any) is cancelled. Returns false when it had already run. */
    boolean compensate(Instant now) {
        if (compensatedAt != null) {
            return false;
        }
        if (state == State.TRIP_CREATED || state == State.CONFIRMED) {
            state = State.CANCELLED;
        }
        compensatedAt = now;
        touch(now);
        return true;
    }

    /** The saga closed. Returns false when there is nothing to confirm (already confirmed, or no trip). */
    boolean confirm(Instant now) {
        if (state != State.TRIP_CREATED) {
            return false;
        }
        state = State.CONFIRMED;
        touch(now);
        return true;
    }

    /** This step's life cycle in the terms every participant shares ({@link SagaParticipation.State}). */
    SagaParticipation.State participation(boolean tripStarted) {
        return switch (state) {
            case TRIP_CREATED -> tripStarted ? SagaParticipation.State.COMPLETED : SagaParticipation.State.ACTIVE;
            case CONFIRMED -> SagaParticipation.State.COMPLETED;
            case REJECTED -> SagaParticipation.State.FAILED;
            case CANCELLED, CANCELLED_BEFORE_STEP -> SagaParticipation.State.COMPENSATED;
        };
    }

    private void touch(Instant now) {
        updatedAt = now;
        version++;
    }

    private static String truncate(String text) {
        return text == null || text.length() <= 500 ? text : text.substring(0, 500);
    }

    public UUID getBookingId() {
        return bookingId;
    }

    public State getState() {
        return state;
    }

    public UUID getTripId() {
        return tripId;
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
