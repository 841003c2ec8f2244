package com.mobilityhub.users.credits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.CancellationFeeScheduled;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.TripCancellationAccepted;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The cancellation saga's credit step: {@code schedule-cancellation-fee} records the fee the hub
 * computed; the completion {@code charge-cancellation-fee} captures it from the booking's hold and
 * gives the rest back (through {@link CreditCaptures}, so it is the same ledger entry a trip's capture
 * makes); the compensation {@code drop-cancellation-fee} only records that nothing is charged. All take
 * the booking's advisory lock ({@code credit_hold:<bookingId>}), as the hold's other steps do.
 */
@Service
public class CancelledBookingHolds {

    /** ProcessedEvents consumer name of the step. */
    static final String CONSUMER = "schedule-cancellation-fee";

    private static final Logger LOG = LoggerFactory.getLogger(CancelledBookingHolds.class);

    @PersistenceContext
    private EntityManager entityManager;

    private final CancelledBookingHoldRepository cancellations;
    private final CreditHoldRepository holds;
    private final CreditCaptures captures;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;

    public CancelledBookingHolds(CancelledBookingHoldRepository cancellations, CreditHoldRepository holds,
                                 CreditCaptures captures, ProcessedEvents processedEvents, Outbox outbox) {
        this.cancellations = cancellations;
        this.holds = holds;
        this.captures = captures;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
    }

    /** Step: TripCancellationAccepted -> the fee is scheduled (CancellationFeeScheduled). Never refuses. */
    @Transactional
    public void scheduleFee(EventEnvelope event, String lraId, String correlationId) {
        if (lraId == null) {
            throw new InvalidEventException("TripCancellationAccepted without a Long-Running-Action header");
        }
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            return;
        }
        TripCancellationAccepted accepted = acceptedOf(event);
        String bookingId = event.aggregateId();
        lockBooking(bookingId);
        Instant now = now();
        CancelledBookingHold earlier = cancellations.findById(bookingId).orElse(null);
        if (earlier != null && (earlier.belongsTo(lraId) || earlier.getState() == CancelledBookingHold.State.CHARGED)) {
            // Our compensation came first (tombstone), the same step under another event id, or charged already.
            LOG.info("schedule-cancellation-fee for booking {} changes nothing: already {}", bookingId, earlier.getState());
            return;
        }
        BigDecimal fee = accepted.fee().amount();
        if (earlier == null) {
            cancellations.save(new CancelledBookingHold(bookingId, lraId, CancelledBookingHold.State.SCHEDULED, fee,
                    accepted.fee().currency(), now));
        } else {
            earlier.schedule(lraId, fee, accepted.fee().currency(), now);
        }
        BigDecimal held = holds.findByBookingId(bookingId)
                .filter(hold -> hold.getStatus() == CreditHoldStatus.HELD).map(CreditHold::getAmount).orElse(Money.ZERO);
        outbox.record(Topics.USERS, EventEnvelope.of(EventTypes.CANCELLATION_FEE_SCHEDULED, bookingId, event.version() + 1,
                EventJson.mapper().valueToTree(new CancellationFeeScheduled(accepted.booking(), accepted.fee(), held))),
                lraId, correlationId);
    }

    /**
     * Completion charge-cancellation-fee: captures the fee from the hold and releases the rest, once. A
     * callback of another attempt, or one whose step never ran here, changes nothing.
     */
    @Transactional
    public void chargeFee(String bookingId, String lraId) {
        lockBooking(bookingId);
        CancelledBookingHold cancellation = cancellations.findById(bookingId).orElse(null);
        if (cancellation == null || !cancellation.belongsTo(lraId)
                || cancellation.getState() != CancelledBookingHold.State.SCHEDULED) {
            LOG.debug("charge-cancellation-fee for booking {} (LRA {}): nothing to charge", bookingId, lraId);
            return;
        }
        boolean held = holds.findByBookingId(bookingId).map(hold -> hold.getStatus() == CreditHoldStatus.HELD).orElse(false);
        if (held) {
            captures.capture(bookingId, cancellation.getFee());
        } else {
            LOG.warn("Booking {} has no HELD credits to charge its cancellation fee from", bookingId);
        }
        cancellation.moveTo(CancelledBookingHold.State.CHARGED, now());
    }

    /** Compensation drop-cancellation-fee: nothing was charged; records it (a tombstone when it comes first). */
    @Transactional
    public void dropFee(String bookingId, String lraId) {
        lockBooking(bookingId);
        CancelledBookingHold cancellation = cancellations.findById(bookingId).orElse(null);
        if (cancellation == null) {
            cancellations.save(new CancelledBookingHold(bookingId, lraId, CancelledBookingHold.State.DROPPED_BEFORE_STEP,
                    Money.ZERO, null, now()));
        } else if (cancellation.belongsTo(lraId) && cancellation.getState() == CancelledBookingHold.State.SCHEDULED) {
            cancellation.moveTo(CancelledBookingHold.State.DROPPED, now());
        }
    }

    /** Each booking's cancellation fee state, for GET /saga/participations. */
    @Transactional(readOnly = true)
    public Map<String, CancelledBookingHold> of(Collection<String> bookingIds) {
        return cancellations.findAllById(bookingIds).stream()
                .collect(Collectors.toMap(CancelledBookingHold::getBookingId, c -> c));
    }

    private void lockBooking(String bookingId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "credit_hold:" + bookingId)
                .getSingleResult();
    }

    private static TripCancellationAccepted acceptedOf(EventEnvelope event) {
        TripCancellationAccepted accepted;
        try {
            accepted = EventJson.mapper().treeToValue(event.data(), TripCancellationAccepted.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("not a TripCancellationAccepted: " + e.getMessage());
        }
        if (accepted == null || accepted.booking() == null || accepted.booking().bookingId() == null
                || accepted.fee() == null || accepted.fee().amount() == null) {
            throw new InvalidEventException("TripCancellationAccepted needs booking.bookingId and fee");
        }
        if (!accepted.booking().bookingId().toString().equals(event.aggregateId())) {
            throw new InvalidEventException("aggregateId " + event.aggregateId() + " is not the booking id");
        }
        BigDecimal fee = accepted.fee().amount();
        if (fee.signum() < 0 || fee.stripTrailingZeros().scale() > 2) {
            throw new InvalidEventException("fee must be a non-negative amount with at most 2 decimals");
        }
        return accepted;
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
