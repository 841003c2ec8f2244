package com.mobilityhub.notifications.receipts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.billing.InvoiceIssued;
import com.mobilityhub.contracts.notifications.ReceiptSent;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.notifications.notification.Notification;
import com.mobilityhub.notifications.notification.NotificationChannel;
import com.mobilityhub.notifications.notification.NotificationKind;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The completion choreography's last step: every issued invoice gets the rider a TRIP_RECEIPT, stored and
 * announced (ReceiptSent) in one transaction. Once per invoice: the event id is claimed, and the receipt
 * is looked up by invoice (its id is the source of the notification) so a replay under a new id adds none.
 */
@Service
public class TripReceipts {

    static final String CONSUMER = "send-receipt";

    private static final Logger LOG = LoggerFactory.getLogger(TripReceipts.class);

    private final ProcessedEvents processedEvents;
    private final EntityManager entityManager;
    private final Outbox outbox;

    public TripReceipts(ProcessedEvents processedEvents, EntityManager entityManager, Outbox outbox) {
        this.processedEvents = processedEvents;
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    @Transactional
    public void onInvoiceIssued(EventEnvelope event) {
        InvoiceIssued invoice = invoiceOf(event);
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            return;
        }
        // The invoice id stands in as the notification's source: unique per (source, kind) in the schema.
        boolean alreadySent = !entityManager.createQuery("""
                        select n.id from Notification n where n.sourceEventId = :invoiceId and n.kind = :kind""")
                .setParameter("invoiceId", invoice.invoiceId())
                .setParameter("kind", NotificationKind.TRIP_RECEIPT)
                .getResultList().isEmpty();
        if (alreadySent) {
            LOG.info("Invoice {} already has its receipt; InvoiceIssued {} sends none", invoice.invoiceId(), event.eventId());
            return;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        String amount = money(invoice.amount()).toPlainString() + " " + invoice.currency();
        Notification receipt = new Notification(invoice.userId(), NotificationKind.TRIP_RECEIPT, NotificationChannel.EMAIL,
                recipientOf(invoice), "Your receipt: " + amount,
                "Thank you for riding with mobility-hub. Trip " + invoice.tripId() + ": " + amount
                        + " (base " + invoice.baseFare() + ", distance " + invoice.distanceFare() + ", time "
                        + invoice.timeFare() + "). Invoice " + invoice.invoiceId() + ".",
                invoice.invoiceId(), now);
        entityManager.persist(receipt);
        outbox.record(Topics.NOTIFICATIONS, EventEnvelope.of(EventTypes.RECEIPT_SENT, invoice.invoiceId().toString(), 1,
                EventJson.mapper().valueToTree(new ReceiptSent(invoice.invoiceId(), invoice.tripId(), invoice.userId(),
                        receipt.getId(), invoice.amount(), invoice.currency()))));
    }

    /** The e-mail the rider registered with (their WELCOME), else a push to the rider's devices. */
    private String recipientOf(InvoiceIssued invoice) {
        List<?> emails = entityManager.createQuery("""
                        select n.recipient from Notification n
                        where n.userId = :userId and n.kind = :kind and n.channel = :channel
                        order by n.createdAt desc""")
                .setParameter("userId", invoice.userId())
                .setParameter("kind", NotificationKind.WELCOME)
                .setParameter("channel", NotificationChannel.EMAIL)
                .setMaxResults(1)
                .getResultList();
        return emails.isEmpty() ? "user:" + invoice.userId() : emails.getFirst().toString();
    }

    /** Money as a rider reads it: 2 decimals. More is not money: the event is refused, never rounded. */
    private static BigDecimal money(BigDecimal amount) {
        try {
            return amount.setScale(2, RoundingMode.UNNECESSARY);
        } catch (ArithmeticException e) {
            throw new InvalidEventException("InvoiceIssued amount has more than 2 decimals: " + amount);
        }
    }

    private static InvoiceIssued invoiceOf(EventEnvelope event) {
        InvoiceIssued invoice;
        try {
            invoice = EventJson.mapper().treeToValue(event.data(), InvoiceIssued.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not an InvoiceIssued: " + e.getOriginalMessage());
        }
        if (invoice.invoiceId() == null || invoice.tripId() == null || invoice.userId() == null
                || invoice.amount() == null || invoice.currency() == null) {
            throw new InvalidEventException("InvoiceIssued needs invoiceId, tripId, userId, amount and currency");
        }
        return invoice;
    }
}
