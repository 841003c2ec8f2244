package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.api.bookings.BookingView;
import com.mobilityhub.contracts.api.bookings.RequestBooking;
import com.mobilityhub.contracts.booking.BookingSagaEvents;
import com.mobilityhub.contracts.booking.RejectionReason;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The hub's side of the booking saga, one transaction per change: open a booking with its
 * BookingRequested event, apply the participants' events to its timeline, and conclude it when the
 * coordinator calls back. Every change and the event it emits commit together (outbox).
 */
@Service
public class Bookings {

    /** The processed-event consumer name of the hub's saga-event routes. */
    static final String SAGA_EVENT_CONSUMER = "hub-booking-saga";
    static final String HUB = "hub";

    private static final Logger LOG = LoggerFactory.getLogger(Bookings.class);

    private final BookingRepository bookings;
    private final BookingTimelineRepository timeline;
    private final Outbox outbox;
    private final ProcessedEvents processedEvents;
    private final BookingMetrics metrics;
    private final BookingCompletions completions;

    public Bookings(BookingRepository bookings, BookingTimelineRepository timeline, Outbox outbox,
                    ProcessedEvents processedEvents, BookingMetrics metrics, BookingCompletions completions) {
        this.bookings = bookings;
        this.timeline = timeline;
        this.outbox = outbox;
        this.processedEvents = processedEvents;
        this.metrics = metrics;
        this.completions = completions;
    }

    /** What a saga event asks of the coordinator, if anything, once its transaction committed. */
    public record SagaEventOutcome(UUID bookingId, String lraId, Booking.CloseRequest closeRequest) {
        static final SagaEventOutcome NOTHING = new SagaEventOutcome(null, null, null);
    }

    @Transactional(readOnly = true)
    public Optional<Booking> findByIdempotencyKey(String key) {
        return bookings.findByIdempotencyKey(key);
    }

    @Transactional(readOnly = true)
    public Optional<BookingStatus> status(UUID bookingId) {
        return bookings.findById(bookingId).map(Booking::status);
    }

    /**
     * Stores the booking PENDING under its (already started) LRA, its first timeline entry and the
     * BookingRequested event. A reused idempotency key fails here (unique constraint).
     */
    @Transactional
    public Booking open(UUID bookingId, RequestBooking request, BigDecimal fare, String lraId, String idempotencyKey,
                        String requestHash, String correlationId) {
        Instant now = now();
        Booking booking = bookings.saveAndFlush(new Booking(bookingId, request.userId(), request.vehicleId(),
                request.pickup(), request.dropoff(), fare, lraId, idempotencyKey, requestHash, now));
        timeline.save(new BookingTimelineEntry(bookingId, now, HUB, "start-booking", EventTypes.BOOKING_REQUESTED,
                "fare " + fare.toPlainString(), null));
        outbox.record(Topics.BOOKINGS, event(EventTypes.BOOKING_REQUESTED, booking,
                new BookingSagaEvents.BookingRequested(booking.snapshot(), now)), lraId, correlationId);
        afterCommit(metrics::started);
        return booking;
    }

    /**
     * Adds a participant's event to its booking's timeline (once per event id), records the trip,
     * and on the saga's terminal event records whether to close or cancel the LRA.
     */
    @Transactional
    public SagaEventOutcome applySagaEvent(EventEnvelope event) {
        Optional<SagaSteps.Origin> origin = SagaSteps.of(event.eventType());
        if (origin.isEmpty() || !processedEvents.claim(SAGA_EVENT_CONSUMER, event.eventId())) {
            return SagaEventOutcome.NOTHING;
        }
        UUID bookingId;
        try {
            bookingId = UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException e) {
            LOG.warn("{} {} names no booking ({}): ignored", event.eventType(), event.eventId(), event.aggregateId());
            return SagaEventOutcome.NOTHING;
        }
        Optional<Booking> found = bookings.findForUpdate(bookingId);
        if (found.isEmpty()) {
            LOG.warn("{} {} for unknown booking {}: ignored", event.eventType(), event.eventId(), bookingId);
            return SagaEventOutcome.NOTHING;
        }
        Booking booking = found.get();
        Instant now = now();
        JsonNode data = event.data();
        RejectionReason reason = reasonOf(data);
        timeline.save(new BookingTimelineEntry(bookingId, event.occurredAt(), origin.get().service(), origin.get().step(),
                event.eventType(), detailOf(data, reason), event.eventId()));
        if (EventTypes.TRIP_CREATED.equals(event.eventType()) && data.hasNonNull("tripId")) {
            booking.recordTrip(UUID.fromString(data.get("tripId").asText()), now);
        }
        Booking.CloseRequest request = SagaSteps.isSuccess(event.eventType()) ? Booking.CloseRequest.COMPLETE
                : SagaSteps.isFailure(event.eventType()) ? Booking.CloseRequest.COMPENSATE : null;
        if (request == null || !booking.requestClose(request, request == Booking.CloseRequest.COMPENSATE
                ? (reason == null ? RejectionReason.valueOf(defaultReason(event.eventType())) : reason) : null, now)) {
            return SagaEventOutcome.NOTHING;
        }
        timeline.save(new BookingTimelineEntry(bookingId, now, HUB, "conclude-booking",
                request == Booking.CloseRequest.COMPLETE ? "saga:complete" : "saga:compensate",
                booking.reason() == null ? null : booking.reason().name(), null));
        return new SagaEventOutcome(bookingId, booking.lraId(), request);
    }

    /** The coordinator's completion callback: CONFIRMED. Repeated callbacks change nothing. */
    @Transactional
    public void confirm(UUID bookingId) {
        bookings.findForUpdate(bookingId).ifPresentOrElse(booking -> {
            Instant now = now();
            if (booking.closeRequested() == Booking.CloseRequest.COMPENSATE && !booking.status().isTerminal()) {
                // The hub asked to cancel this LRA: a completion contradicts it (a coordinator holding two copies of
                // the LRA after a restart). Never CONFIRMED over a cancel; its compensation or the reconciler ends it.
                LOG.error("Completion callback for booking {} whose LRA the hub cancelled: ignored", bookingId);
                return;
            }
            if (!booking.confirm(now)) {
                return;
            }
            conclude(booking, now, "confirm-booking");
        }, () -> LOG.warn("Completion callback for unknown booking {}", bookingId));
    }

    /**
     * The coordinator's compensation callback: REJECTED with the reason a failure event recorded, or
     * TIMEOUT when the coordinator cancelled on its own (time limit). Repeated callbacks change nothing.
     */
    @Transactional
    public void reject(UUID bookingId) {
        bookings.findForUpdate(bookingId).ifPresentOrElse(booking -> {
            Instant now = now();
            boolean cancelledByCoordinator = booking.closeRequested() == null;
            if (!booking.reject(now)) {
                return;
            }
            if (cancelledByCoordinator) {
                afterCommit(() -> metrics.compensationRequested("timeout"));
            }
            conclude(booking, now, "reject-booking");
        }, () -> LOG.info("Compensation callback for booking {} that was never stored (its start failed)", bookingId));
    }

    private void conclude(Booking booking, Instant now, String step) {
        String reason = booking.reason() == null ? null : booking.reason().name();
        timeline.save(new BookingTimelineEntry(booking.id(), now, HUB, step, booking.status().name(), reason, null));
        // The saga is over: BookingConcluded travels without the LRA header, so no participant tries to join it.
        outbox.record(Topics.BOOKINGS, event(EventTypes.BOOKING_CONCLUDED, booking,
                new BookingSagaEvents.BookingConcluded(booking.snapshot(), booking.status().name(), booking.reason())),
                null, booking.id().toString());
        BookingStatus status = booking.status();
        RejectionReason rejection = booking.reason();
        Duration took = Duration.between(booking.createdAt(), now);
        UUID id = booking.id();
        afterCommit(() -> {
            metrics.concluded(status, rejection, took);
            completions.signal(id);
        });
    }

    /** Bookings whose terminal event arrived but whose LRA close/cancel got no callback yet. */
    @Transactional(readOnly = true)
    public List<Booking> unansweredCloses(Instant updatedBefore, int limit) {
        List<UUID> ids = bookings.findUnansweredCloses(updatedBefore, PageRequest.of(0, limit));
        return bookings.findAllById(ids);
    }

    @Transactional(readOnly = true)
    public Optional<BookingView> view(UUID bookingId) {
        return bookings.findById(bookingId).map(booking -> toView(booking, true));
    }

    @Transactional(readOnly = true)
    public com.mobilityhub.contracts.api.Page<BookingView> list(UUID userId, BookingStatus status, int page, int size) {
        PageRequest request = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.asc("id")));
        Page<Booking> found = userId != null && status != null ? bookings.findByUserIdAndStatus(userId, status, request)
                : userId != null ? bookings.findByUserId(userId, request)
                : status != null ? bookings.findByStatus(status, request)
                : bookings.findAll(request);
        return new com.mobilityhub.contracts.api.Page<>(found.getContent().stream().map(b -> toView(b, false)).toList(),
                com.mobilityhub.contracts.api.Page.PageInfo.of(page, size, found.getTotalElements()));
    }

    @Transactional(readOnly = true)
    public List<Booking> createdBefore(Instant before) {
        return bookings.findCreatedBefore(before);
    }

    private BookingView toView(Booking booking, boolean withTimeline) {
        List<BookingView.TimelineEntry> entries = withTimeline
                ? timeline.findByBookingIdOrderByAtAscIdAsc(booking.id()).stream()
                        .map(e -> new BookingView.TimelineEntry(e.at(), e.service(), e.step(), e.outcome(), e.detail()))
                        .toList()
                : List.of();
        return new BookingView(booking.id(), booking.userId(), booking.vehicleId(), booking.tripId(), booking.status(),
                booking.reason() == null ? null : booking.reason().name(), booking.fare(), booking.lraId(),
                booking.createdAt(), booking.updatedAt(), entries);
    }

    private static EventEnvelope event(String type, Booking booking, Object data) {
        return EventEnvelope.of(type, booking.id().toString(), booking.version() + 1, EventJson.mapper().valueToTree(data));
    }

    private static RejectionReason reasonOf(JsonNode data) {
        if (data == null || !data.hasNonNull("reason")) {
            return null;
        }
        try {
            return RejectionReason.valueOf(data.get("reason").asText());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String detailOf(JsonNode data, RejectionReason reason) {
        String detail = data != null && data.hasNonNull("detail") ? data.get("detail").asText() : null;
        if (reason == null) {
            return detail;
        }
        return detail == null ? reason.name() : reason.name() + ": " + detail;
    }

    /** A failure event that names no (known) reason still rejects for its step's reason. */
    private static String defaultReason(String failureEventType) {
        return switch (failureEventType) {
            case EventTypes.CREDITS_REJECTED -> "INSUFFICIENT_CREDITS";
            case EventTypes.VEHICLE_UNAVAILABLE -> "VEHICLE_UNAVAILABLE";
            case EventTypes.TRIP_REJECTED -> "TRIP_REJECTED";
            default -> "NOTIFICATION_FAILED";
        };
    }

    private static void afterCommit(Runnable action) {
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }

    /** PostgreSQL keeps microseconds: what we answer is what a later read returns. */
    static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
