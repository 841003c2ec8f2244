package com.mobilityhub.billing.invoices;

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
 * The fare of one trip, billed to its user; issued when the trip completes ({@link InvoiceIssuing}).
 * Settled first from the booking's credit hold, the rest through the payment gateway
 * ({@code payments.Settlements}); state changes after issue are conditional SQL updates there.
 */
@Entity
@Table(name = "invoice")
public class Invoice {

    @Id
    private UUID id;

    @Column(name = "trip_id", nullable = false, unique = true)
    private UUID tripId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private InvoiceStatus status;

    @Column(name = "issued_at", nullable = false)
    private Instant issuedAt;

    @Column(name = "paid_at")
    private Instant paidAt;

    /** The booking whose credit hold pays first (null on invoices from before settlement existed). */
    @Column(name = "booking_id")
    private String bookingId;

    /** What the capture of the hold took; null until the capture is done. */
    @Column(name = "credits_captured", precision = 14, scale = 2)
    private BigDecimal creditsCaptured;

    /** Why the last payment attempt did not go through (PAYMENT_PENDING). */
    @Column(name = "pending_reason")
    private String pendingReason;

    @Version
    private Long version;

    protected Invoice() {
    }

    Invoice(UUID id, UUID tripId, String bookingId, UUID userId, BigDecimal amount, String currency, Instant issuedAt) {
        this.id = id;
        this.tripId = tripId;
        this.bookingId = bookingId;
        this.userId = userId;
        this.amount = amount;
        this.currency = currency;
        this.status = InvoiceStatus.ISSUED;
        this.issuedAt = issuedAt;
    }

    public InvoiceView toView() {
        return new InvoiceView(id, tripId, userId, amount, currency, status, issuedAt, paidAt, bookingId, creditsCaptured,
                pendingReason);
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public InvoiceStatus getStatus() {
        return status;
    }

    public UUID getTripId() {
        return tripId;
    }

    public String getBookingId() {
        return bookingId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public String getCurrency() {
        return currency;
    }

    public BigDecimal getCreditsCaptured() {
        return creditsCaptured;
    }

    public Instant getIssuedAt() {
        return issuedAt;
    }

    public Instant getPaidAt() {
        return paidAt;
    }

    public String getPendingReason() {
        return pendingReason;
    }
}
