package com.mobilityhub.vehicles.reservations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** A booking's reservation to be released once its cancellation LRA closes. */
@Entity
@Table(name = "reservation_cancellation")
public class ReservationCancellation {

    public enum State {
        /** The cancellation is under way: the reservation is released when its LRA closes. */
        SCHEDULED,
        /** The reservation was released and the vehicle is AVAILABLE again. Final. */
        RELEASED,
        /** The cancellation's LRA was cancelled: the reservation stands. */
        DROPPED,
        /** The compensation came before the step: a late step of this LRA is refused. */
        DROPPED_BEFORE_STEP
    }

    @Id
    @Column(name = "booking_id")
    private String bookingId;

    @Column(name = "lra_id", nullable = false)
    private String lraId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ReservationCancellation() {
    }

    ReservationCancellation(String bookingId, String lraId, State state, Instant now) {
        this.bookingId = bookingId;
        this.lraId = lraId;
        this.state = state;
        this.updatedAt = now;
    }

    /** This row now records the attempt of {@code lraId}. */
    void schedule(String lraId, Instant now) {
        this.lraId = lraId;
        moveTo(State.SCHEDULED, now);
    }

    void moveTo(State state, Instant now) {
        this.state = state;
        this.updatedAt = now;
    }

    boolean belongsTo(String lraId) {
        return this.lraId.equals(lraId);
    }

    public String getBookingId() {
        return bookingId;
    }

    public State getState() {
        return state;
    }
}
