package com.mobilityhub.trips.cancellation;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * trip-service's part in a booking's cancellation saga, for the cancellation LRA it names. A new
 * attempt (another LRA) may take over a row whose attempt ended without cancelling.
 */
@Entity
@Table(name = "trip_cancellation_step")
public class TripCancellationStep {

    public enum State {
        /** The trip is CANCELLED under this LRA; the saga is not concluded yet. */
        ACCEPTED,
        /** The trip had started (or is missing): the cancellation was refused. */
        REFUSED,
        /** The cancellation LRA closed: the trip stays CANCELLED. */
        COMPLETED,
        /** The cancellation LRA was cancelled: the trip is CREATED again. */
        REINSTATED,
        /** The compensation came before the step: a late step of this LRA is refused. */
        DROPPED_BEFORE_STEP;

        /** Whether a new attempt (another LRA) may take the row over: this one did not cancel the booking. */
        boolean endedWithoutCancelling() {
            return this == REFUSED || this == REINSTATED || this == DROPPED_BEFORE_STEP;
        }
    }

    @Id
    @Column(name = "booking_id")
    private UUID bookingId;

    @Column(name = "lra_id", nullable = false, length = 500)
    private String lraId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 30)
    private State state;

    @Column(name = "trip_id")
    private UUID tripId;

    @Column(precision = 14, scale = 2)
    private BigDecimal fee;

    @Column(length = 3)
    private String currency;

    @Column(length = 500)
    private String detail;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(nullable = false)
    private long version;

    protected TripCancellationStep() {
    }

    TripCancellationStep(UUID bookingId, String lraId, State state, Instant now) {
        this.bookingId = bookingId;
        this.lraId = lraId;
        this.state = state;
        this.updatedAt = now;
        this.version = 1;
    }

    /** This row now records the attempt of {@code lraId}. */
    void attempt(String lraId, State state, UUID tripId, BigDecimal fee, String currency, String detail, Instant now) {
        if (!lraId.equals(this.lraId)) {
            this.lraId = lraId;
        }
        this.state = state;
        this.tripId = tripId;
        this.fee = fee;
        this.currency = currency;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        touch(now);
    }

    void moveTo(State state, Instant now) {
        this.state = state;
        touch(now);
    }

    private void touch(Instant now) {
        updatedAt = now;
        version++;
    }

    public UUID getBookingId() {
        return bookingId;
    }

    public String getLraId() {
        return lraId;
    }

    public State getState() {
        return state;
    }

    public UUID getTripId() {
        return tripId;
    }

    public String getDetail() {
        return detail;
    }

    public long getVersion() {
        return version;
    }
}
