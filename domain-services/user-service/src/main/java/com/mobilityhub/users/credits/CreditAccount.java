package com.mobilityhub.users.credits;

import com.mobilityhub.kit.api.ProblemException;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A user's credits: {@code balance} can be spent, {@code held} is reserved by bookings in flight.
 * The optimistic {@code version} makes concurrent changes of one account serialize: the loser of
 * a race fails at commit instead of overwriting the winner. It is also the version carried by the
 * user's events.
 */
@Entity
@Table(name = "credit_account")
public class CreditAccount {

    /** The largest amount a NUMERIC(14,2) column holds. */
    public static final BigDecimal MAX_BALANCE = new BigDecimal("999999999999.99");

    @Id
    @Column(name = "user_id")
    private UUID userId;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal balance;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal held;

    @Version
    private Long version;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected CreditAccount() {
    }

    private CreditAccount(UUID userId, BigDecimal balance, Instant now) {
        this.userId = userId;
        this.balance = Money.exact(balance);
        this.held = Money.ZERO;
        this.updatedAt = now;
    }

    public static CreditAccount open(UUID userId, BigDecimal initialCredits, Instant now) {
        return new CreditAccount(userId, initialCredits, now);
    }

    /** Adds {@code amount} (positive, at most 2 decimals) to the balance. */
    public void topUp(BigDecimal amount, Instant now) {
        if (amount.signum() <= 0) {
            throw new IllegalArgumentException("A top-up must be positive: " + amount);
        }
        BigDecimal topped = balance.add(Money.exact(amount));
        if (topped.compareTo(MAX_BALANCE) > 0) {
            throw ProblemException.conflict("Credit limit exceeded",
                    "The balance cannot exceed " + MAX_BALANCE.toPlainString());
        }
        balance = topped;
        updatedAt = now;
    }

    public UUID getUserId() {
        return userId;
    }

    public BigDecimal getBalance() {
        return balance;
    }

    public BigDecimal getHeld() {
        return held;
    }

    /** The version after the last flush; 0 for a new account. */
    public long getVersion() {
        return version == null ? 0 : version;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }
}
