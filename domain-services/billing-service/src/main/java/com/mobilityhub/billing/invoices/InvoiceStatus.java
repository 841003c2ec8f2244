package com.mobilityhub.billing.invoices;

/** ISSUED: fare calculated, not settled. PAYMENT_PENDING: a gateway payment is in flight. PAID: settled. */
public enum InvoiceStatus {
    ISSUED, PAYMENT_PENDING, PAID
}
