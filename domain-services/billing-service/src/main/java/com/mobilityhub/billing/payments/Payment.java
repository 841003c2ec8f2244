package com.mobilityhub.billing.payments;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * Money that went towards an invoice: captured from the booking's credit hold (CREDITS) or charged
 * through the payment gateway (GATEWAY, with the gateway's payment id). At most one SUCCEEDED per
 * invoice and method (unique index): a settlement that runs twice cannot record a payment twice.
 */
@Entity
@Table(name = "payment")
public class Payment {

    public enum Method { CREDITS, GATEWAY }

    public enum Status { PENDING, SUCCEEDED, FAILED }

    @Id
    private UUID id;

    @Column(name = "invoice_id", nullable = false)
    private UUID invoiceId;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal amount;

    @Column(nullable = false, length = 3)
    private String currency;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Method method;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Status status;

    @Column(name = "gateway_reference")
    private String gatewayReference;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected Payment() {
    }

    static Payment succeeded(UUID invoiceId, BigDecimal amount, String currency, Method method, String gatewayReference,
                             Instant now) {
        Payment payment = new Payment();
        payment.id = UUID.randomUUID();
        payment.invoiceId = invoiceId;
        payment.amount = amount;
        payment.currency = currency;
        payment.method = method;
        payment.status = Status.SUCCEEDED;
        payment.gatewayReference = gatewayReference;
        payment.createdAt = now;
        payment.updatedAt = now;
        return payment;
    }

    public PaymentView toView() {
        return new PaymentView(id, invoiceId, amount, currency, method, status, gatewayReference, createdAt);
    }

    public UUID getInvoiceId() {
        return invoiceId;
    }

    public BigDecimal getAmount() {
        return amount;
    }

    public Method getMethod() {
        return method;
    }

    /** A payment as the billing account's history shows it. */
    public record PaymentView(UUID id, UUID invoiceId, BigDecimal amount, String currency, Method method, Status status,
                              String gatewayReference, Instant at) {
    }
}
