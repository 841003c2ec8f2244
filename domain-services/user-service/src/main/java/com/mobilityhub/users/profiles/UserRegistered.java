package com.mobilityhub.users.profiles;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** {@code data} of a UserRegistered event. */
public record UserRegistered(UUID userId, String name, String email, BigDecimal initialCredits, Instant registeredAt) {
}
