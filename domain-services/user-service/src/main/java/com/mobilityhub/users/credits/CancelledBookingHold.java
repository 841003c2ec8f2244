package com.mobilityhub.users.credits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * The cancellation fee a booking's hold owes once its cancellation LRA closes. The capture itself is
 * a {@link CreditCapture} of the fee (the rest of the hold goes back to the balance).
 */
@Entity
@Table(name = "cancelled_booking_hold")
public class CancelledBookingHold {

    public enum State {
        /** The cancellation is under way: the fee will be charged when its LRA closes. */
        SCHEDULED,
        /** The fee was captured from the hold and the rest released. Final. */
        CHARGED,
        /** The cancellation's LRA was cancelled: nothing charged, the hold stands. */
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

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal fee;

    private String currency;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CancelledBookingHold() {
    }

    CancelledBookingHold(String bookingId, String lraId, State state, BigDecimal fee, String currency, Instant now) {
        this.bookingId = bookingId;
        this.lraId = lraId;
        this.state = state;
        this.fee = Money.exact(fee);
        this.currency = currency;
        this.updatedAt = now;
    }

    /** This row now records the attempt of {@code lraId}. */
    void schedule(String lraId, BigDecimal fee, String currency, Instant now) {
        this.lraId = lraId;
        this.state = State.SCHEDULED;
        this.fee = Money.exact(fee);
        this.currency = currency;
        this.updatedAt = now;
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

    public BigDecimal getFee() {
        return fee;
    }
}
