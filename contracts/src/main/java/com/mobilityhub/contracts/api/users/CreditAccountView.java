package com.mobilityhub.contracts.api.users;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A user's credit account with every hold on it ({@code GET /users/{id}/credit-account}). */
public record CreditAccountView(UUID userId, BigDecimal balance, BigDecimal held, List<Hold> holds) {

    /** {@code status}: HELD, RELEASED or CAPTURED. */
    public record Hold(UUID id, String bookingId, BigDecimal amount, String status, Instant createdAt, Instant updatedAt) {
    }
}
