package com.mobilityhub.contracts.billing;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * billing-service priced a completed trip ({@code InvoiceIssued} on {@code mobility.billing.events.v1},
 * key = invoice id). The receipt a rider gets is built from this. {@code amount} is exact (2 decimals)
 * in {@code currency} (ISO 4217); {@code baseFare + distanceFare + timeFare = amount}.
 */
public record InvoiceIssued(
        UUID invoiceId,
        UUID tripId,
        String bookingId,
        UUID userId,
        BigDecimal amount,
        String currency,
        BigDecimal baseFare,
        BigDecimal distanceFare,
        BigDecimal timeFare,
        BigDecimal distanceKm,
        BigDecimal durationMinutes,
        Instant issuedAt) {
}
