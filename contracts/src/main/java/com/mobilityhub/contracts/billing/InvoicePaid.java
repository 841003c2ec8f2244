package com.mobilityhub.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An invoice is settled in full: {@code fromCredits} captured from the booking's credit hold in
 * user-service, {@code throughGateway} charged through the payment gateway (their sum is {@code amount}).
 */
public record InvoicePaid(
        UUID invoiceId,
        UUID tripId,
        UUID userId,
        BigDecimal amount,
        String currency,
        BigDecimal fromCredits,
        BigDecimal throughGateway,
        Instant paidAt) {
}
