package com.mobilityhub.billing.payments;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * What is left to settle an invoice: the capture of the booking's credit hold (until
 * {@code creditsCaptured} is known), then {@link #gatewayDue()} through the payment gateway.
 */
public record SettlementPlan(UUID invoiceId, boolean settled, String bookingId, BigDecimal amount, String currency,
                             BigDecimal creditsCaptured) {

    static SettlementPlan alreadySettled(UUID invoiceId) {
        return new SettlementPlan(invoiceId, true, null, null, null, null);
    }

    public boolean needsCapture() {
        return !settled && creditsCaptured == null;
    }

    /** The part the credits did not cover (the whole amount while the capture is not done). */
    public BigDecimal gatewayDue() {
        return creditsCaptured == null ? amount : amount.subtract(creditsCaptured);
    }

    /** The gateway's idempotency key: one per invoice, so retries and re-runs never charge twice. */
    public String idempotencyKey() {
        return "invoice-" + invoiceId;
    }
}
