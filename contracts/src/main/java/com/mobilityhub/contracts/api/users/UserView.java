package com.mobilityhub.contracts.api.users;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A user as clients see it. {@code credits.balance} is what the user can still spend;
 * {@code credits.held} is reserved by pending or confirmed bookings (owned, not spendable).
 */
public record UserView(UUID id, String name, String email, Credits credits, Instant createdAt) {

    public record Credits(BigDecimal balance, BigDecimal held) {
    }
}
