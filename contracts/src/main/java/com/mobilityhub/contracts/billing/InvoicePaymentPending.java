package com.mobilityhub.contracts.billing;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The payment gateway could not take the part of an invoice the credits did not cover
 * ({@code amountDue}); billing-service retries on its own and emits {@link InvoicePaid} once it goes through.
 */
public record InvoicePaymentPending(
        UUID invoiceId,
        UUID tripId,
        UUID userId,
        BigDecimal amountDue,
        String currency,
        String reason) {
}
