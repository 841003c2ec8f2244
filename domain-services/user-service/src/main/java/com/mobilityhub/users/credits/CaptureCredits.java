package com.mobilityhub.users.credits;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;

import java.math.BigDecimal;

/** {@code POST /credits/holds/{bookingId}/capture}: the trip's fare, to be taken from the booking's hold. */
public record CaptureCredits(
        @NotNull @DecimalMin(value = "0.00") @Digits(integer = 12, fraction = 2) BigDecimal amount) {
}
