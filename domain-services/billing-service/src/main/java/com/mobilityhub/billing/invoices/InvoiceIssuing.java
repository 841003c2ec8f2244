package com.mobilityhub.billing.invoices;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.billing.tariff.Tariff;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.billing.InvoiceIssued;
import com.mobilityhub.contracts.trips.TripEvents.TripCompleted;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Prices a completed trip with the {@link Tariff} and issues its invoice (ISSUED), emitting
 * InvoiceIssued, in one transaction that also claims the event: a redelivered TripCompleted, or the
 * same trip under another event id (one invoice per trip, unique), issues nothing.
 */
@Service
public class InvoiceIssuing {

    /** ProcessedEvents consumer name. */
    public static final String ISSUE_INVOICE = "issue-invoice";
    private static final long ISSUED_VERSION = 1;

    private final InvoiceRepository invoices;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Tariff tariff;

    public InvoiceIssuing(InvoiceRepository invoices, ProcessedEvents processedEvents, Outbox outbox, Tariff tariff) {
        this.invoices = invoices;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.tariff = tariff;
    }

    /** The new invoice's id, or null when this trip was billed already. */
    @Transactional
    public UUID issue(EventEnvelope event) {
        if (!processedEvents.claim(ISSUE_INVOICE, event.eventId())) {
            return null;
        }
        TripCompleted trip = tripOf(event);
        if (invoices.existsByTripId(trip.tripId())) {
            return null;
        }
        Tariff.Fare fare = tariff.fareOf(trip.distanceKm(), trip.durationMinutes());
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Invoice invoice = invoices.save(new Invoice(UUID.randomUUID(), trip.tripId(), trip.bookingId(), trip.userId(),
                fare.total(), fare.currency(), now));
        InvoiceIssued issued = new InvoiceIssued(invoice.getId(), trip.tripId(), trip.bookingId(), trip.userId(),
                fare.total(), fare.currency(), fare.base(), fare.distance(), fare.time(), trip.distanceKm(),
                trip.durationMinutes(), now);
        outbox.record(Topics.BILLING, EventEnvelope.of(EventTypes.INVOICE_ISSUED, invoice.getId().toString(),
                ISSUED_VERSION, EventJson.mapper().valueToTree(issued)));
        return invoice.getId();
    }

    private static TripCompleted tripOf(EventEnvelope event) {
        TripCompleted trip;
        try {
            trip = EventJson.mapper().treeToValue(event.data(), TripCompleted.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a TripCompleted: " + e.getOriginalMessage());
        }
        if (trip == null || trip.tripId() == null || trip.userId() == null || trip.distanceKm() == null
                || trip.durationMinutes() == null) {
            throw new InvalidEventException("TripCompleted needs tripId, userId, distanceKm and durationMinutes");
        }
        if (trip.distanceKm().signum() < 0 || trip.durationMinutes().signum() < 0) {
            throw new InvalidEventException("distanceKm and durationMinutes must not be negative");
        }
        return trip;
    }
}
