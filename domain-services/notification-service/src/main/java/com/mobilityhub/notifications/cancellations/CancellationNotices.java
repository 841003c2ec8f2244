package com.mobilityhub.notifications.cancellations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.CancellationNoticeScheduled;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.VehicleReleaseScheduled;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The cancellation saga's last step: {@code schedule-cancellation-notice} records it and emits
 * CancellationNoticeScheduled (the hub then closes the LRA); the completion {@code send-cancellation-notice}
 * writes the rider's BOOKING_CANCELLATION with the fee; the compensation {@code drop-cancellation-notice}
 * has nothing to undo. Steps of one booking take turns on a transaction-scoped advisory lock.
 */
@Service
public class CancellationNotices {

    /** ProcessedEvents consumer name of the step. */
    static final String CONSUMER = "schedule-cancellation-notice";

    private static final Logger LOG = LoggerFactory.getLogger(CancellationNotices.class);

    private final CancellationNoticeRepository notices;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final EntityManager entityManager;

    public CancellationNotices(CancellationNoticeRepository notices, ProcessedEvents processedEvents, Outbox outbox,
                               EntityManager entityManager) {
        this.notices = notices;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.entityManager = entityManager;
    }

    /** Step: VehicleReleaseScheduled -> the notice is scheduled (CancellationNoticeScheduled). Never refuses. */
    @Transactional
    public void scheduleNotice(EventEnvelope event, String lraId, String correlationId) {
        if (lraId == null) {
            throw new InvalidEventException("VehicleReleaseScheduled without a Long-Running-Action header");
        }
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            return;
        }
        VehicleReleaseScheduled scheduled = scheduledOf(event);
        UUID bookingId = scheduled.booking().bookingId();
        lockBooking(bookingId);
        Instant now = now();
        CancellationNotice notice = notices.findById(bookingId).orElse(null);
        if (notice != null && (notice.belongsTo(lraId) || notice.getState() == CancellationNotice.State.SENT)) {
            LOG.info("schedule-cancellation-notice for booking {} changes nothing: already {}", bookingId, notice.getState());
            return;
        }
        if (notice == null) {
            notice = notices.save(new CancellationNotice(bookingId, lraId, CancellationNotice.State.SCHEDULED, now));
        }
        BigDecimal fee = scheduled.fee() == null ? null : scheduled.fee().amount();
        notice.schedule(lraId, scheduled.booking().userId(), fee, scheduled.fee() == null ? null : scheduled.fee().currency(),
                event.eventId(), now);
        outbox.record(Topics.NOTIFICATIONS, EventEnvelope.of(EventTypes.CANCELLATION_NOTICE_SCHEDULED,
                bookingId.toString(), event.version() + 1, EventJson.mapper().valueToTree(
                        new CancellationNoticeScheduled(scheduled.booking(), scheduled.fee()))), lraId, correlationId);
    }

    /** Completion send-cancellation-notice: the rider is told, once, what the cancellation cost. */
    @Transactional
    public void sendNotice(UUID bookingId, String lraId) {
        lockBooking(bookingId);
        CancellationNotice notice = notices.findById(bookingId).orElse(null);
        if (notice == null || !notice.belongsTo(lraId) || notice.getState() != CancellationNotice.State.SCHEDULED) {
            LOG.debug("send-cancellation-notice for booking {} (LRA {}): nothing to send", bookingId, lraId);
            return;
        }
        Instant now = now();
        if (notice.getUserId() == null) {
            LOG.warn("Booking {}: no rider known to send the cancellation notice to", bookingId);
            notice.moveTo(CancellationNotice.State.SENT, now);
            return;
        }
        String charge = notice.getFee() == null || notice.getFee().signum() == 0 ? "Nothing was charged"
                : "A cancellation fee of " + notice.getFee().toPlainString() + " " + notice.getCurrency() + " was charged";
        Notification notification = new Notification(notice.getUserId(), NotificationKind.BOOKING_CANCELLATION,
                channelOf(notice.getUserId()), recipientOf(notice.getUserId()), "Your booking is cancelled",
                "Booking " + bookingId + " is cancelled as you asked. " + charge
                        + "; the rest of the credits held for it are released.", notice.getSourceEventId(), now);
        entityManager.persist(notification);
        notice.sent(notification.getId(), now);
    }

    /** Compensation drop-cancellation-notice: nothing was sent; records it (a tombstone when it comes first). */
    @Transactional
    public void dropNotice(UUID bookingId, String lraId) {
        lockBooking(bookingId);
        CancellationNotice notice = notices.findById(bookingId).orElse(null);
        if (notice == null) {
            notices.save(new CancellationNotice(bookingId, lraId, CancellationNotice.State.DROPPED_BEFORE_STEP, now()));
        } else if (notice.belongsTo(lraId) && notice.getState() == CancellationNotice.State.SCHEDULED) {
            notice.moveTo(CancellationNotice.State.DROPPED, now());
        }
    }

    /** Each booking's notice state, for GET /saga/participations. */
    @Transactional(readOnly = true)
    public Map<UUID, CancellationNotice.State> states(Collection<UUID> bookingIds) {
        return notices.findAllById(bookingIds).stream()
                .collect(Collectors.toMap(CancellationNotice::getBookingId, CancellationNotice::getState));
    }

    /** The e-mail address the rider registered with (their WELCOME), else a push to their devices. */
    private String recipientOf(UUID userId) {
        List<String> emails = welcomeEmails(userId);
        return emails.isEmpty() ? "user:" + userId : emails.getFirst();
    }

    private NotificationChannel channelOf(UUID userId) {
        return welcomeEmails(userId).isEmpty() ? NotificationChannel.PUSH : NotificationChannel.EMAIL;
    }

    private List<String> welcomeEmails(UUID userId) {
        return entityManager.createQuery("""
                        select n.recipient from Notification n
                        where n.userId = :userId and n.kind = :kind and n.channel = :channel
                        order by n.createdAt desc""", String.class)
                .setParameter("userId", userId)
                .setParameter("kind", NotificationKind.WELCOME)
                .setParameter("channel", NotificationChannel.EMAIL)
                .setMaxResults(1)
                .getResultList();
    }

    private void lockBooking(UUID bookingId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "cancellation_notice:" + bookingId)
                .getSingleResult();
    }

    private static VehicleReleaseScheduled scheduledOf(EventEnvelope event) {
        VehicleReleaseScheduled scheduled;
        try {
            scheduled = EventJson.mapper().treeToValue(event.data(), VehicleReleaseScheduled.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("not a VehicleReleaseScheduled: " + e.getMessage());
        }
        if (scheduled == null || scheduled.booking() == null || scheduled.booking().bookingId() == null
                || !scheduled.booking().bookingId().toString().equals(event.aggregateId())) {
            throw new InvalidEventException("VehicleReleaseScheduled needs booking.bookingId = the aggregateId");
        }
        return scheduled;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
