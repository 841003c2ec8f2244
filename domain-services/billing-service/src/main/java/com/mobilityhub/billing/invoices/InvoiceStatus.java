package com.mobilityhub.billing.invoices;

/**
 * ISSUED: fare calculated, not settled yet. PAYMENT_PENDING: the gateway could not take the part the
 * credits did not cover; the settle-pending-invoices route retries it. PAID: settled in full.
 */
public enum InvoiceStatus {
    ISSUED, PAYMENT_PENDING, PAID
}
