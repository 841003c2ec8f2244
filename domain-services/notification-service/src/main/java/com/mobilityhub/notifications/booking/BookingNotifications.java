package com.mobilityhub.notifications.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CancellationSent;
import com.mobilityhub.contracts.booking.BookingSagaEvents.ConfirmationSent;
import com.mobilityhub.contracts.booking.BookingSagaEvents.NotificationFailed;
import com.mobilityhub.contracts.booking.BookingSagaEvents.TripCreated;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.RejectionReason;
import com.mobilityhub.contracts.booking.SagaParticipation;
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

import java.math.RoundingMode;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The booking saga's step {@code send-confirmation} and its compensation {@code send-cancellation}
 * (plus a completion that only records that the saga closed). Each runs in one transaction that
 * stores the notification, moves the step and records the emitted event in the outbox with the LRA id.
 */
@Service
public class BookingNotifications {

    public static final String SERVICE = "notification-service";
    /** The name under which the step claims TripCreated events in {@code processed_event}. */
    static final String CONSUMER = "send-confirmation";

    private static final Logger LOG = LoggerFactory.getLogger(BookingNotifications.class);

    private final BookingNotificationStepRepository steps;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final ConfirmationFaults faults;

    public BookingNotifications(BookingNotificationStepRepository steps, ProcessedEvents processedEvents, Outbox outbox,
                                EntityManager entityManager, ConfirmationFaults faults) {
        this.steps = steps;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.faults = faults;
    }

    /** Step send-confirmation: TripCreated -> a BOOKING_CONFIRMATION for the rider and ConfirmationSent, or NotificationFailed. */
    @Transactional
    public void sendConfirmation(EventEnvelope event, String lraId, String correlationId) {
        UUID bookingId = bookingIdOf(event);
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            LOG.debug("TripCreated {} already applied; ignoring the copy", event.eventId());
            return;
        }
        Instant now = now();
        TripCreated tripCreated = tripCreatedOf(event);
        BookingSnapshot booking = tripCreated != null && tripCreated.booking() != null ? tripCreated.booking()
                : new BookingSnapshot(bookingId, null, null, null, null, null);
        UUID tripId = tripCreated == null ? null : tripCreated.tripId();
        Optional<BookingNotificationStep> earlier = steps.lockByBookingId(bookingId);
        if (earlier.isPresent()) {
            // Compensated first (tombstone: its CancellationSent is already out), or a replay under a new event id.
            LOG.info("Booking {}: TripCreated {} refused, the step is already {}", bookingId, event.eventId(),
                    earlier.get().getState());
            return;
        }
        String failure = whyNotSendable(booking, bookingId, tripId);
        if (failure == null) {
            failure = faults.injectedFailure(booking.userId());
        }
        if (failure != null) {
            BookingNotificationStep failed = steps.saveAndFlush(BookingNotificationStep.failed(bookingId,
                    booking.userId(), tripId, json(booking), lraId, failure, now));
            LOG.warn("Booking {}: confirmation not sent: {}", bookingId, failure);
            emit(EventTypes.NOTIFICATION_FAILED, bookingId, failed.getVersion(),
                    new NotificationFailed(booking, RejectionReason.NOTIFICATION_FAILED, failure), lraId, correlationId);
            return;
        }
        Notification confirmation = notify(booking, NotificationKind.BOOKING_CONFIRMATION, event.eventId(),
                "Your ride is booked",
                "Booking " + bookingId + " is confirmed: trip " + tripId + " in vehicle " + booking.vehicleId()
                        + ", from " + booking.pickup().lat() + "," + booking.pickup().lng()
                        + " to " + booking.dropoff().lat() + "," + booking.dropoff().lng()
                        + ". Fare held: " + booking.fare().setScale(2, RoundingMode.HALF_UP).toPlainString() + " credits.", now);
        BookingNotificationStep step = steps.saveAndFlush(BookingNotificationStep.confirmationSent(bookingId,
                booking.userId(), tripId, confirmation.getId(), json(booking), lraId, now));
        emit(EventTypes.CONFIRMATION_SENT, bookingId, step.getVersion(),
                new ConfirmationSent(booking, tripId, confirmation.getId()), lraId, correlationId);
    }

    /**
     * Compensation send-cancellation: tells the rider the booking is off (once, however often it is called)
     * and emits CancellationSent. Before the step it leaves a tombstone that refuses the late TripCreated.
     */
    @Transactional
    public void sendCancellation(UUID bookingId, String lraId) {
        Instant now = now();
        Optional<BookingNotificationStep> existing = steps.lockByBookingId(bookingId);
        if (existing.isEmpty()) {
            BookingSnapshot onlyTheId = new BookingSnapshot(bookingId, null, null, null, null, null);
            BookingNotificationStep tombstone = steps.saveAndFlush(
                    BookingNotificationStep.cancelledBeforeStep(bookingId, json(onlyTheId), lraId, now));
            emit(EventTypes.CANCELLATION_SENT, bookingId, tombstone.getVersion(), new CancellationSent(onlyTheId, null),
                    lraId, null);
            return;
        }
        BookingNotificationStep step = existing.get();
        if (!step.awaitsCompensation()) {
            LOG.debug("Booking {}: send-cancellation already done", bookingId);
            return;
        }
        BookingSnapshot booking = snapshotOf(step);
        UUID cancellationId = null;
        if (step.getConfirmationId() != null) {
            // Keyed like the confirmation (same source event, other kind): one cancellation per confirmation.
            UUID sourceEventId = entityManager.find(Notification.class, step.getConfirmationId()).getSourceEventId();
            cancellationId = notify(booking, NotificationKind.BOOKING_CANCELLATION, sourceEventId,
                    "Your ride is cancelled",
                    "Booking " + bookingId + " could not be completed and is cancelled. Any credits held for it are released.",
                    now).getId();
        }
        step.compensated(cancellationId, now);
        emit(EventTypes.CANCELLATION_SENT, bookingId, step.getVersion(), new CancellationSent(booking, cancellationId),
                lraId, null);
    }

    /** Completion: the saga closed and the confirmation stands. Emits nothing. */
    @Transactional
    public void recordCompletion(UUID bookingId) {
        steps.lockByBookingId(bookingId).ifPresentOrElse(step -> step.complete(now()),
                () -> LOG.warn("Booking {}: completion for a booking without a confirmation step", bookingId));
    }

    /** What notification-service knows of each booking's saga (GET /saga/participations). */
    @Transactional(readOnly = true)
    public List<SagaParticipation> participations(Collection<UUID> bookingIds) {
        Map<UUID, BookingNotificationStep> found = steps.findAllById(bookingIds).stream()
                .collect(Collectors.toMap(BookingNotificationStep::getBookingId, Function.identity()));
        return bookingIds.stream().map(bookingId -> {
            BookingNotificationStep step = found.get(bookingId);
            if (step == null) {
                return new SagaParticipation(bookingId, SERVICE, SagaParticipation.State.NONE, null, null, null);
            }
            String detail = step.getState().name() + (step.getDetail() == null ? "" : ": " + step.getDetail());
            return new SagaParticipation(bookingId, SERVICE, step.participation(), detail, null, step.getUpdatedAt());
        }).toList();
    }

    private Notification notify(BookingSnapshot booking, NotificationKind kind, UUID sourceEventId, String subject,
                                String body, Instant now) {
        Recipient recipient = recipientOf(booking.userId());
        Notification notification = new Notification(booking.userId(), kind, recipient.channel(), recipient.address(),
                subject, body, sourceEventId, now);
        entityManager.persist(notification);
        return notification;
    }

    private record Recipient(NotificationChannel channel, String address) {
    }

    /** The e-mail address the rider registered with (from their WELCOME), else a push to the rider's devices. */
    private Recipient recipientOf(UUID userId) {
        List<String> emails = entityManager.createQuery("""
                        select n.recipient from Notification n
                        where n.userId = :userId and n.kind = :kind and n.channel = :channel
                        order by n.createdAt desc""", String.class)
                .setParameter("userId", userId)
                .setParameter("kind", NotificationKind.WELCOME)
                .setParameter("channel", NotificationChannel.EMAIL)
                .setMaxResults(1)
                .getResultList();
        return emails.isEmpty() ? new Recipient(NotificationChannel.PUSH, "user:" + userId)
                : new Recipient(NotificationChannel.EMAIL, emails.getFirst());
    }

    private void emit(String type, UUID bookingId, long version, Object data, String lraId, String correlationId) {
        EventEnvelope event = EventEnvelope.of(type, bookingId.toString(), version, EventJson.mapper().valueToTree(data));
        outbox.record(Topics.NOTIFICATIONS, event, lraId, correlationId);
    }

    /** Why no confirmation can be written for this booking; null when one can. */
    private static String whyNotSendable(BookingSnapshot booking, UUID bookingId, UUID tripId) {
        if (!bookingId.equals(booking.bookingId())) {
            return "booking.bookingId does not match the event's aggregateId";
        }
        if (booking.userId() == null) {
            return "booking.userId is missing: no rider to confirm to";
        }
        if (tripId == null || booking.vehicleId() == null || booking.pickup() == null || booking.dropoff() == null
                || booking.pickup().lat() == null || booking.pickup().lng() == null
                || booking.dropoff().lat() == null || booking.dropoff().lng() == null || booking.fare() == null) {
            return "TripCreated lacks the trip, vehicle, places or fare the confirmation states";
        }
        return null;
    }

    private static UUID bookingIdOf(EventEnvelope event) {
        try {
            return UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("TripCreated aggregateId is not a booking id: " + event.aggregateId());
        }
    }

    private static TripCreated tripCreatedOf(EventEnvelope event) {
        try {
            return EventJson.mapper().treeToValue(event.data(), TripCreated.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("TripCreated {} has unreadable data: {}", event.eventId(), e.getMessage());
            return null;
        }
    }

    private static BookingSnapshot snapshotOf(BookingNotificationStep step) {
        try {
            return EventJson.mapper().readValue(step.getBooking(), BookingSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored booking of " + step.getBookingId() + " is unreadable", e);
        }
    }

    private static String json(BookingSnapshot booking) {
        try {
            return EventJson.mapper().writeValueAsString(booking);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** PostgreSQL keeps microseconds: what we publish is what a later read returns. */
    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
