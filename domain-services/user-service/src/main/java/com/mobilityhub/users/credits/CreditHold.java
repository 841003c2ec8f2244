package com.mobilityhub.users.credits;

import com.mobilityhub.contracts.api.users.CreditAccountView;
import com.mobilityhub.contracts.booking.RejectionReason;
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
 * Credits reserved for one booking. The booking id is unique: it is how the booking saga's
 * reserve, release and capture steps find the hold, and why a repeated step changes nothing.
 * The row also records a refused step (REJECTED) and a release that arrived before the step
 * (a RELEASED tombstone of nothing), so the late step is refused. {@link CreditHolds} moves holds.
 */
@Entity
@Table(name = "credit_hold")
public class CreditHold {

    @Id
    private UUID id;

    /** Null on a tombstone and on a rejection for an unknown user: they belong to no account. */
    @Column(name = "user_id")
    private UUID userId;

    @Column(name = "booking_id", nullable = false, unique = true)
    private String bookingId;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private CreditHoldStatus status;

    @Column(name = "lra_id")
    private String lraId;

    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason")
    private RejectionReason rejectionReason;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "booking_snapshot")
    private String bookingSnapshot;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CreditHold() {
    }

    private CreditHold(String bookingId, UUID userId, BigDecimal amount, CreditHoldStatus status,
                       RejectionReason rejectionReason, String lraId, String bookingSnapshot, Instant now) {
        this.id = UUID.randomUUID();
        this.bookingId = bookingId;
        this.userId = userId;
        this.amount = Money.exact(amount);
        this.status = status;
        this.rejectionReason = rejectionReason;
        this.lraId = lraId;
        this.bookingSnapshot = bookingSnapshot;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** {@code amount} moved from the user's balance to held for {@code bookingId}. */
    static CreditHold held(String bookingId, UUID userId, BigDecimal amount, String lraId, String bookingSnapshot,
                           Instant now) {
        return new CreditHold(bookingId, userId, amount, CreditHoldStatus.HELD, null, lraId, bookingSnapshot, now);
    }

    /** The step was refused: nothing held. {@code userId} is null when the user is unknown. */
    static CreditHold rejected(String bookingId, UUID userId, RejectionReason reason, String lraId,
                               String bookingSnapshot, Instant now) {
        return new CreditHold(bookingId, userId, Money.ZERO, CreditHoldStatus.REJECTED, reason, lraId,
                bookingSnapshot, now);
    }

    /** The booking was compensated before its step ran: a released hold of nothing refuses the late step. */
    static CreditHold tombstone(String bookingId, String lraId, Instant now) {
        return new CreditHold(bookingId, null, Money.ZERO, CreditHoldStatus.RELEASED, null, lraId, null, now);
    }

    void release(Instant now) {
        status = CreditHoldStatus.RELEASED;
        updatedAt = now;
    }

    void confirm(Instant now) {
        confirmedAt = now;
        updatedAt = now;
    }

    /** The saga completed: the hold stands (until the trip captures it). */
    public boolean isConfirmed() {
        return confirmedAt != null;
    }

    public RejectionReason getRejectionReason() {
        return rejectionReason;
    }

    public String getBookingSnapshot() {
        return bookingSnapshot;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public CreditAccountView.Hold toView() {
        return new CreditAccountView.Hold(id, bookingId, amount, status.name(), createdAt, updatedAt);
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public String getBookingId() {
        return bookingId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public CreditHoldStatus getStatus() {
        return status;
    }

    public String getLraId() {
        return lraId;
    }
}
