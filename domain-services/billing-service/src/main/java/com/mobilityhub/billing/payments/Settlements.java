package com.mobilityhub.billing.payments;

import com.mobilityhub.billing.invoices.Invoice;
import com.mobilityhub.billing.invoices.InvoiceRepository;
import com.mobilityhub.billing.invoices.InvoiceStatus;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.billing.InvoicePaid;
import com.mobilityhub.contracts.billing.InvoicePaymentPending;
import com.mobilityhub.kit.outbox.Outbox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * The settlement steps' state changes, each one transaction with the event it emits (outbox). Every
 * change is a conditional UPDATE (credits captured only while unknown, PAID only once, PAYMENT_PENDING
 * only from ISSUED), so settlements of one invoice that overlap (the trip's own, the scheduled retry,
 * a rider's payment request, another instance) record each payment and emit each event exactly once.
 */
@Service
public class Settlements {

    /** Envelope versions of an invoice's events (InvoiceIssued is 1). */
    private static final long PENDING_VERSION = 2;
    private static final long PAID_VERSION = 3;

    @PersistenceContext
    private EntityManager entityManager;

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final Outbox outbox;

    public Settlements(InvoiceRepository invoices, PaymentRepository payments, Outbox outbox) {
        this.invoices = invoices;
        this.payments = payments;
        this.outbox = outbox;
    }

    /** What is left to do for {@code invoiceId}; settled when it is PAID or unknown. */
    @Transactional(readOnly = true)
    public SettlementPlan plan(UUID invoiceId) {
        Invoice invoice = invoices.findById(invoiceId).orElse(null);
        if (invoice == null || invoice.getStatus() == InvoiceStatus.PAID) {
            return SettlementPlan.alreadySettled(invoiceId);
        }
        return new SettlementPlan(invoiceId, false, invoice.getBookingId(), invoice.getAmount(), invoice.getCurrency(),
                invoice.getCreditsCaptured());
    }

    /** Records what the capture of the booking's hold took (the first answer wins) and returns the new plan. */
    @Transactional
    public SettlementPlan creditsCaptured(UUID invoiceId, BigDecimal captured) {
        Instant now = now();
        int recorded = entityManager.createNativeQuery("""
                        update invoice set credits_captured = ?1, version = version + 1
                         where id = ?2 and credits_captured is null and status <> 'PAID'""")
                .setParameter(1, captured)
                .setParameter(2, invoiceId)
                .executeUpdate();
        if (recorded == 1 && captured.signum() > 0) {
            Invoice invoice = invoices.findById(invoiceId).orElseThrow();
            payments.save(Payment.succeeded(invoiceId, captured, invoice.getCurrency(), Payment.Method.CREDITS, null, now));
        }
        // Write the payment now: the plan below must read the invoice fresh, not the copy cached above.
        entityManager.flush();
        entityManager.clear();
        return plan(invoiceId);
    }

    /** The invoice is settled: records the gateway's part (if any) and emits InvoicePaid, once. */
    @Transactional
    public void paid(UUID invoiceId, BigDecimal throughGateway, String gatewayReference) {
        Instant now = now();
        int settled = entityManager.createNativeQuery("""
                        update invoice set status = 'PAID', paid_at = ?1, pending_reason = null, version = version + 1
                         where id = ?2 and status <> 'PAID' and credits_captured is not null""")
                .setParameter(1, now)
                .setParameter(2, invoiceId)
                .executeUpdate();
        if (settled != 1) {
            return; // paid by an overlapping settlement
        }
        entityManager.clear();
        Invoice invoice = invoices.findById(invoiceId).orElseThrow();
        if (throughGateway.signum() > 0) {
            payments.save(Payment.succeeded(invoiceId, throughGateway, invoice.getCurrency(), Payment.Method.GATEWAY,
                    gatewayReference, now));
        }
        emit(EventTypes.INVOICE_PAID, invoiceId, PAID_VERSION, new InvoicePaid(invoiceId, invoice.getTripId(),
                invoice.getUserId(), invoice.getAmount(), invoice.getCurrency(), invoice.getCreditsCaptured(),
                throughGateway, now));
    }

    /**
     * The payment could not go through now ({@code reason}): the invoice waits as PAYMENT_PENDING for the
     * settle-pending-invoices route. InvoicePaymentPending is emitted on the first such failure only.
     */
    @Transactional
    public void pending(UUID invoiceId, String reason) {
        String shortReason = reason.length() > 300 ? reason.substring(0, 300) : reason;
        int became = entityManager.createNativeQuery("""
                        update invoice set status = 'PAYMENT_PENDING', pending_reason = ?1, version = version + 1
                         where id = ?2 and status = 'ISSUED'""")
                .setParameter(1, shortReason)
                .setParameter(2, invoiceId)
                .executeUpdate();
        if (became != 1) {
            entityManager.createNativeQuery(
                            "update invoice set pending_reason = ?1 where id = ?2 and status = 'PAYMENT_PENDING'")
                    .setParameter(1, shortReason)
                    .setParameter(2, invoiceId)
                    .executeUpdate();
            return;
        }
        entityManager.clear();
        Invoice invoice = invoices.findById(invoiceId).orElseThrow();
        BigDecimal due = invoice.getCreditsCaptured() == null
                ? invoice.getAmount() : invoice.getAmount().subtract(invoice.getCreditsCaptured());
        emit(EventTypes.INVOICE_PAYMENT_PENDING, invoiceId, PENDING_VERSION, new InvoicePaymentPending(invoiceId,
                invoice.getTripId(), invoice.getUserId(), due, invoice.getCurrency(), shortReason));
    }

    private void emit(String type, UUID invoiceId, long version, Object data) {
        outbox.record(Topics.BILLING, EventEnvelope.of(type, invoiceId.toString(), version,
                EventJson.mapper().valueToTree(data)));
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
