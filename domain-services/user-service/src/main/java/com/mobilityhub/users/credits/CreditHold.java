package com.mobilityhub.users.credits;

import com.mobilityhub.contracts.api.users.CreditAccountView;
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
 * The saga steps that create and move holds arrive with the booking saga.
 */
@Entity
@Table(name = "credit_hold")
public class CreditHold {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
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

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CreditHold() {
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
