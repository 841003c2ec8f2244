package com.mobilityhub.hub.bookings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking's latest cancellation attempt and its LRA. REQUESTED is the semantic lock while the LRA
 * runs: a second request waits for it rather than starting another. A new attempt may take over an
 * attempt that ended DROPPED (the trip refused, or the LRA timed out).
 */
@Entity
@Table(name = "booking_cancellation")
public class BookingCancellation {

    public enum State {
        /** The cancellation's LRA runs. */
        REQUESTED,
        /** The last step is done: the hub asked the coordinator to close the LRA. */
        CLOSING,
        /** trip-service refused (the trip started): the hub asked the coordinator to cancel the LRA. */
        REFUSED,
        /** The LRA closed: the booking is CANCELLED. Final. */
        CANCELLED,
        /** The LRA was cancelled (refusal or time limit): the booking stays CONFIRMED. */
        DROPPED;

        /** Whether this attempt still runs (a new request waits for it). */
        public boolean inFlight() {
            return this == REQUESTED || this == CLOSING || this == REFUSED;
        }
    }

    @Id
    @Column(name = "booking_id")
    private UUID bookingId;

    @Column(name = "lra_id", nullable = false)
    private String lraId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal fee;

    @Column(nullable = false)
    private String currency;

    private String detail;

    @Column(name = "requested_at", nullable = false)
    private Instant requestedAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private long version;

    protected BookingCancellation() {
    }

    BookingCancellation(UUID bookingId, String lraId, BookingCancellationFees.Fee fee, Instant now) {
        this.bookingId = bookingId;
        attempt(lraId, fee, now);
    }

    /** This row now records the attempt of {@code lraId}. */
    void attempt(String lraId, BookingCancellationFees.Fee fee, Instant now) {
        this.lraId = lraId;
        this.state = State.REQUESTED;
        this.fee = fee.amount();
        this.currency = fee.currency();
        this.detail = null;
        this.requestedAt = now;
        this.updatedAt = now;
    }

    void moveTo(State state, String detail, Instant now) {
        this.state = state;
        if (detail != null) {
            this.detail = detail.length() <= 500 ? detail : detail.substring(0, 500);
        }
        this.updatedAt = now;
    }

    boolean belongsTo(String lraId) {
        return this.lraId.equals(lraId);
    }

    public UUID bookingId() {
        return bookingId;
    }

    public String lraId() {
        return lraId;
    }

    public State state() {
        return state;
    }

    public BigDecimal fee() {
        return fee;
    }

    public String currency() {
        return currency;
    }

    public String detail() {
        return detail;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    public long version() {
        return version;
    }

    String feeText() {
        return fee.toPlainString() + " " + currency;
    }
}
