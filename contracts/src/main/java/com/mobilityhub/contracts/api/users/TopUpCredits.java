package com.mobilityhub.contracts.api.users;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/** {@code POST /users/{id}/credits}: adds credits; the amount must be positive. */
public record TopUpCredits(
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 12, fraction = 2) BigDecimal amount) {
}
