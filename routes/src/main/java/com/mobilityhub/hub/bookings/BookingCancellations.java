package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.BookingCancellationRequested;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.Money;
import com.mobilityhub.contracts.booking.BookingCancellationSaga;
import com.mobilityhub.contracts.booking.BookingSaga;
import com.mobilityhub.contracts.booking.BookingSagaEvents;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.math.RoundingMode;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The hub's side of the booking cancellation saga ({@link BookingCancellationSaga}), one transaction per
 * change, each taking the booking's row lock first: decide whether a request may start a cancellation,
 * open it with its BookingCancellationRequested event (outbox), follow the participants' events on the
 * booking's timeline, and conclude it when the coordinator calls back (CANCELLED, or still CONFIRMED).
 */
@Service
public class BookingCancellations {

    /** The processed-event consumer name of the hub's cancellation event handling. */
    static final String EVENT_CONSUMER = "hub-booking-cancellation";

    private static final Logger LOG = LoggerFactory.getLogger(BookingCancellations.class);
    private static final Map<String, BookingSaga.Step> STEP_OF_EVENT = stepsByEvent();

    private final BookingRepository bookings;
    private final BookingCancellationRepository cancellations;
    private final BookingTimelineRepository timeline;
    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final BookingCompletions completions;
    private final BookingCancellationProperties rule;

    public BookingCancellations(BookingRepository bookings, BookingCancellationRepository cancellations,
                                BookingTimelineRepository timeline, Outbox outbox, ProcessedEvents processedEvents,
                                BookingCompletions completions, BookingCancellationProperties rule) {
        this.bookings = bookings;
        this.cancellations = cancellations;
        this.timeline = timeline;
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.completions = completions;
        this.rule = rule;
    }

    /** What a cancel request meets. */
    public enum Situation {
        /** No such booking. */
        UNKNOWN,
        /** Already CANCELLED: answer it as it is (idempotent). */
        CANCELLED,
        /** PENDING or REJECTED: nothing to cancel (409). */
        NOT_CANCELLABLE,
        /** A cancellation of it runs: wait for that one. */
        IN_FLIGHT,
        /** CONFIRMED, no cancellation running: start one. */
        STARTABLE
    }

    /** Whether an event type belongs to the cancellation saga (the hub's saga-event routes hand it here). */
    public static boolean follows(String eventType) {
        return STEP_OF_EVENT.containsKey(eventType);
    }

    @Transactional(readOnly = true)
    public Situation situation(UUID bookingId) {
        Optional<Booking> booking = bookings.findById(bookingId);
        if (booking.isEmpty()) {
            return Situation.UNKNOWN;
        }
        return switch (booking.get().status()) {
            case CANCELLED -> Situation.CANCELLED;
            case PENDING, REJECTED -> Situation.NOT_CANCELLABLE;
            case CONFIRMED -> cancellations.findById(bookingId).filter(c -> c.state().inFlight()).isPresent()
                    ? Situation.IN_FLIGHT : Situation.STARTABLE;
        };
    }

    @Transactional(readOnly = true)
    public Optional<BookingCancellation> attempt(UUID bookingId) {
        return cancellations.findById(bookingId);
    }

    /**
     * Opens a cancellation attempt under the (already started) {@code lraId}: computes the fee, records
     * the attempt REQUESTED, its timeline entry and BookingCancellationRequested. Returns false, writing
     * nothing, when the booking is no longer CONFIRMED or another attempt runs (a concurrent request):
     * the caller cancels its unused LRA.
     */
    @Transactional
    public boolean open(UUID bookingId, String lraId, String correlationId) {
        Booking booking = bookings.findForUpdate(bookingId).orElse(null);
        if (booking == null || booking.status() != BookingStatus.CONFIRMED) {
            return false;
        }
        Optional<BookingCancellation> earlier = cancellations.findForUpdate(bookingId);
        if (earlier.isPresent() && earlier.get().state().inFlight()) {
            return false;
        }
        Instant now = Bookings.now();
        BookingCancellationFees.Fee fee = BookingCancellationFees.fee(rule, booking.fare(), booking.confirmedAt(), now);
        BookingCancellation cancellation;
        if (earlier.isPresent()) {
            cancellation = earlier.get();
            cancellation.attempt(lraId, fee, now);
        } else {
            cancellation = cancellations.save(new BookingCancellation(bookingId, lraId, fee, now));
        }
        cancellations.flush();
        booking.touch(now);
        timeline.save(new BookingTimelineEntry(bookingId, now, Bookings.HUB, "start-cancellation",
                EventTypes.BOOKING_CANCELLATION_REQUESTED, "fee " + cancellation.feeText(), null));
        BookingCancellationRequested requested = new BookingCancellationRequested(booking.snapshot(), booking.tripId(),
                new Money(fee.amount(), fee.currency()), now);
        outbox.record(Topics.BOOKINGS, EventEnvelope.of(EventTypes.BOOKING_CANCELLATION_REQUESTED, bookingId.toString(),
                booking.version() + 1, EventJson.mapper().valueToTree(requested)), lraId, correlationId);
        return true;
    }

    /** What a cancellation event asks of the coordinator, if anything, once its transaction committed. */
    public record EventOutcome(UUID bookingId, String lraId, Booking.CloseRequest closeRequest) {
        static final EventOutcome NOTHING = new EventOutcome(null, null, null);
    }

    /**
     * Adds a participant's cancellation event to the booking's timeline (once per event id). The last
     * step's event asks to close the attempt's LRA, the refusal to cancel it; events of an older attempt
     * (another LRA) change nothing but the timeline.
     */
    @Transactional
    public EventOutcome applyEvent(EventEnvelope event, String lraId) {
        BookingSaga.Step step = STEP_OF_EVENT.get(event.eventType());
        if (step == null || !processedEvents.claim(EVENT_CONSUMER, event.eventId())) {
            return EventOutcome.NOTHING;
        }
        UUID bookingId;
        try {
            bookingId = UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException e) {
            LOG.warn("{} {} names no booking ({}): ignored", event.eventType(), event.eventId(), event.aggregateId());
            return EventOutcome.NOTHING;
        }
        Optional<Booking> booking = bookings.findForUpdate(bookingId);
        if (booking.isEmpty()) {
            LOG.warn("{} {} for unknown booking {}: ignored", event.eventType(), event.eventId(), bookingId);
            return EventOutcome.NOTHING;
        }
        Instant now = Bookings.now();
        boolean undo = BookingCancellationSaga.UNDO_EVENTS.contains(event.eventType());
        timeline.save(new BookingTimelineEntry(bookingId, event.occurredAt(), step.service(),
                undo ? step.compensation() : step.name(), event.eventType(), detailOf(event.data()), event.eventId()));
        BookingCancellation cancellation = cancellations.findForUpdate(bookingId).orElse(null);
        if (cancellation == null || !cancellation.belongsTo(lraId) || cancellation.state() != BookingCancellation.State.REQUESTED) {
            return EventOutcome.NOTHING;
        }
        Booking.CloseRequest request;
        if (BookingCancellationSaga.SUCCESS_EVENT.equals(event.eventType())) {
            cancellation.moveTo(BookingCancellation.State.CLOSING, null, now);
            request = Booking.CloseRequest.COMPLETE;
        } else if (BookingCancellationSaga.REFUSAL_EVENT.equals(event.eventType())) {
            cancellation.moveTo(BookingCancellation.State.REFUSED, detailOf(event.data()), now);
            request = Booking.CloseRequest.COMPENSATE;
            // The rider's request can be answered (409) now; the LRA's cancel changes nothing of the booking.
            afterCommit(() -> completions.signal(bookingId));
        } else {
            return EventOutcome.NOTHING;
        }
        booking.get().touch(now);
        timeline.save(new BookingTimelineEntry(bookingId, now, Bookings.HUB, "conclude-cancellation",
                request == Booking.CloseRequest.COMPLETE ? "saga:complete" : "saga:compensate", cancellation.detail(), null));
        return new EventOutcome(bookingId, cancellation.lraId(), request);
    }

    /** The coordinator's completion callback: the booking is CANCELLED. Repeated callbacks change nothing. */
    @Transactional
    public void cancelBooking(UUID bookingId, String lraId) {
        Booking booking = bookings.findForUpdate(bookingId).orElse(null);
        BookingCancellation cancellation = cancellations.findForUpdate(bookingId).orElse(null);
        if (booking == null || cancellation == null || !cancellation.belongsTo(lraId)
                || cancellation.state() == BookingCancellation.State.CANCELLED) {
            LOG.debug("cancel-booking for booking {} (LRA {}): nothing to do", bookingId, lraId);
            return;
        }
        Instant now = Bookings.now();
        if (!booking.cancel(now)) {
            LOG.warn("Booking {} is {}; its cancellation's LRA {} closed all the same", bookingId, booking.status(), lraId);
            return;
        }
        cancellation.moveTo(BookingCancellation.State.CANCELLED, null, now);
        timeline.save(new BookingTimelineEntry(bookingId, now, Bookings.HUB, "cancel-booking",
                BookingStatus.CANCELLED.name(), "fee " + cancellation.feeText(), null));
        // The saga is over: BookingConcluded travels without the LRA header, so no participant tries to join it.
        outbox.record(Topics.BOOKINGS, EventEnvelope.of(EventTypes.BOOKING_CONCLUDED, bookingId.toString(),
                booking.version() + 1, EventJson.mapper().valueToTree(new BookingSagaEvents.BookingConcluded(
                        booking.snapshot(), BookingStatus.CANCELLED.name(), null))), null, bookingId.toString());
        afterCommit(() -> completions.signal(bookingId));
    }

    /**
     * The coordinator's compensation callback: the attempt is DROPPED and the booking stays CONFIRMED
     * (the trip refused, or the time limit passed). Repeated callbacks change nothing.
     */
    @Transactional
    public void keepBooking(UUID bookingId, String lraId) {
        Booking booking = bookings.findForUpdate(bookingId).orElse(null);
        BookingCancellation cancellation = cancellations.findForUpdate(bookingId).orElse(null);
        if (booking == null || cancellation == null || !cancellation.belongsTo(lraId)
                || !cancellation.state().inFlight()) {
            LOG.debug("keep-booking for booking {} (LRA {}): nothing to do", bookingId, lraId);
            return;
        }
        Instant now = Bookings.now();
        String why = cancellation.state() == BookingCancellation.State.REFUSED ? cancellation.detail() : "TIMEOUT";
        cancellation.moveTo(BookingCancellation.State.DROPPED, why, now);
        booking.touch(now);
        timeline.save(new BookingTimelineEntry(bookingId, now, Bookings.HUB, "keep-booking", booking.status().name(),
                why, null));
        afterCommit(() -> completions.signal(bookingId));
    }

    /** Attempts whose close/cancel got no callback for a while (the coordinator was away). */
    @Transactional(readOnly = true)
    public List<BookingCancellation> unansweredCloses(Instant updatedBefore, int limit) {
        return cancellations.findUnanswered(EnumSet.of(BookingCancellation.State.CLOSING, BookingCancellation.State.REFUSED),
                updatedBefore, PageRequest.of(0, limit));
    }

    private static String detailOf(JsonNode data) {
        if (data == null) {
            return null;
        }
        if (data.hasNonNull("detail")) {
            return data.get("detail").asText();
        }
        JsonNode fee = data.path("fee");
        return fee.hasNonNull("amount") ? "fee " + fee.get("amount").decimalValue().setScale(2, RoundingMode.HALF_UP)
                .toPlainString() + " " + fee.path("currency").asText() : null;
    }

    private static Map<String, BookingSaga.Step> stepsByEvent() {
        Map<String, BookingSaga.Step> index = new HashMap<>();
        for (BookingSaga.Step step : BookingCancellationSaga.STEPS) {
            if ("hub".equals(step.service())) {
                continue;
            }
            index.put(step.emits(), step);
            if (step.emitsOnFailure() != null) {
                index.put(step.emitsOnFailure(), step);
            }
        }
        // Each undo event belongs to the step whose compensation emits it (trip-service's reinstate-trip).
        BookingSaga.Step pivot = BookingCancellationSaga.STEPS.get(1);
        BookingCancellationSaga.UNDO_EVENTS.forEach(undo -> index.put(undo, pivot));
        return Map.copyOf(index);
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
