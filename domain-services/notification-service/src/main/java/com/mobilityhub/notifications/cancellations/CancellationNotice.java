package com.mobilityhub.notifications.cancellations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** The notice telling a rider their booking is cancelled, sent once its cancellation LRA closes. */
@Entity
@Table(name = "cancellation_notice")
public class CancellationNotice {

    public enum State {
        /** The cancellation is under way: the notice goes out when its LRA closes. */
        SCHEDULED,
        /** The rider was sent the notice. Final. */
        SENT,
        /** The cancellation's LRA was cancelled: no notice. */
        DROPPED,
        /** The compensation came before the step: a late step of this LRA is refused. */
        DROPPED_BEFORE_STEP
    }

    @Id
    @Column(name = "booking_id")
    private UUID bookingId;

    @Column(name = "lra_id", nullable = false)
    private String lraId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private State state;

    @Column(name = "user_id")
    private UUID userId;

    @Column(precision = 14, scale = 2)
    private BigDecimal fee;

    private String currency;

    /** The event the step reacted to: the notice's source, so one attempt never yields two notices. */
    @Column(name = "source_event_id")
    private UUID sourceEventId;

    @Column(name = "notification_id")
    private UUID notificationId;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CancellationNotice() {
    }

    CancellationNotice(UUID bookingId, String lraId, State state, Instant now) {
        this.bookingId = bookingId;
        this.lraId = lraId;
        this.state = state;
        this.updatedAt = now;
    }

    /** This row now records the attempt of {@code lraId}. */
    void schedule(String lraId, UUID userId, BigDecimal fee, String currency, UUID sourceEventId, Instant now) {
        this.lraId = lraId;
        this.userId = userId;
        this.fee = fee;
        this.currency = currency;
        this.sourceEventId = sourceEventId;
        moveTo(State.SCHEDULED, now);
    }

    void sent(UUID notificationId, Instant now) {
        this.notificationId = notificationId;
        moveTo(State.SENT, now);
    }

    void moveTo(State state, Instant now) {
        this.state = state;
        this.updatedAt = now;
    }

    boolean belongsTo(String lraId) {
        return this.lraId.equals(lraId);
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

    public BigDecimal getFee() {
        return fee;
    }

    public String getCurrency() {
        return currency;
    }

    public UUID getSourceEventId() {
        return sourceEventId;
    }
}
