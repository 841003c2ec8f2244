package com.mobilityhub.billing.invoices;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An invoice as {@code GET /billing/invoices} shows it ({@code {id, tripId, userId, amount, status}} and more):
 * {@code creditsCaptured} is what the booking's credit hold paid (null until captured), {@code pendingReason}
 * why the gateway part has not gone through yet.
 */
public record InvoiceView(UUID id, UUID tripId, UUID userId, BigDecimal amount, String currency,
                          InvoiceStatus status, Instant issuedAt, Instant paidAt, String bookingId,
                          BigDecimal creditsCaptured, String pendingReason) {
}
