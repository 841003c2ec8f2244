package com.mobilityhub.contracts.api.users;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

/** {@code POST /users}. Credits are exact decimals with at most 2 fraction digits. */
public record RegisterUser(
        @NotBlank @Size(max = 200) String name,
        @NotBlank @Email @Size(max = 320) String email,
        @NotNull @DecimalMin("0.00") @Digits(integer = 12, fraction = 2) BigDecimal initialCredits) {
}
