package com.mobilityhub.users.credits;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking's hold taken as payment when its trip completed: {@code captured} (at most the hold)
 * left the account, {@code released} (the rest of the hold) went back to the balance. One per
 * booking: a repeated capture finds it and changes nothing. {@link CreditCaptures} makes them.
 */
@Entity
@Table(name = "credit_capture")
public class CreditCapture {

    @Id
    @Column(name = "booking_id")
    private String bookingId;

    @Column(name = "hold_id", nullable = false)
    private UUID holdId;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal requested;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal captured;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal released;

    @Column(name = "captured_at", nullable = false)
    private Instant capturedAt;

    protected CreditCapture() {
    }

    CreditCapture(String bookingId, UUID holdId, UUID userId, BigDecimal requested, BigDecimal captured,
                  BigDecimal released, Instant capturedAt) {
        this.bookingId = bookingId;
        this.holdId = holdId;
        this.userId = userId;
        this.requested = requested;
        this.captured = captured;
        this.released = released;
        this.capturedAt = capturedAt;
    }

    public CreditCaptureView toView() {
        return new CreditCaptureView(bookingId, holdId, userId, requested, captured, released, capturedAt);
    }

    public BigDecimal getRequested() {
        return requested;
    }

    /** The capture as {@code POST /credits/holds/{bookingId}/capture} answers it. */
    public record CreditCaptureView(String bookingId, UUID holdId, UUID userId, BigDecimal requested,
                                    BigDecimal captured, BigDecimal released, Instant capturedAt) {
    }
}
