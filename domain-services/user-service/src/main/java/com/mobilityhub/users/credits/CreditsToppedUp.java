package com.mobilityhub.users.credits;

import java.math.BigDecimal;
import java.util.UUID;

/** {@code data} of a CreditsToppedUp event: the amount added and the account after it. */
public record CreditsToppedUp(UUID userId, BigDecimal amount, BigDecimal balance, BigDecimal held) {
}
