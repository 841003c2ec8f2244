package com.mobilityhub.users.credits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.booking.BookingSagaEvents.BookingRequested;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsRejected;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsReleased;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsReserved;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.RejectionReason;
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
import java.util.UUID;

/**
 * The booking saga's credit steps: reserve-credits (hold the fare), release-credits (its
 * compensation) and confirm-credit-hold (its completion). Each runs in one transaction that also
 * records the event it emits (outbox, carrying the booking's LRA id), and serializes with the other
 * steps of the same booking on a transaction-scoped advisory lock, so a compensation racing its
 * step sees either nothing or the finished step.
 *
 * <p>The fare moves from balance to held with one conditional UPDATE ({@code balance >= fare}):
 * the row lock it takes makes concurrent holds of one account queue, and a hold that would overdraw
 * the account updates nothing and is rejected. The CHECK constraints stay as the last guard.
 * The update bumps the account's version, so a concurrent top-up (optimistic) retries on fresh state.
 */
@Service
public class CreditHolds {

    /** ProcessedEvents consumer name of the reserve step. */
    public static final String RESERVE_CREDITS = "reserve-credits";

    private static final Logger LOG = LoggerFactory.getLogger(CreditHolds.class);
    /** Envelope versions of a booking's credit events: the step's event, then its undo. */
    private static final long STEP_VERSION = 1;
    private static final long UNDO_VERSION = 2;

    @PersistenceContext
    private EntityManager entityManager;

    private final CreditHoldRepository holds;
    private final CreditAccountRepository accounts;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;

    public CreditHolds(CreditHoldRepository holds, CreditAccountRepository accounts, ProcessedEvents processedEvents,
                       Outbox outbox) {
        this.holds = holds;
        this.accounts = accounts;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
    }

    /** reserve-credits: holds the booking's fare, or rejects it; a repeated event changes nothing. */
    @Transactional
    public void reserve(EventEnvelope event, String lraId, String correlationId) {
        if (!processedEvents.claim(RESERVE_CREDITS, event.eventId())) {
            return;
        }
        BookingSnapshot booking = bookingOf(event);
        String bookingId = booking.bookingId().toString();
        lockBooking(bookingId);
        Instant now = now();

        CreditHold earlier = holds.findByBookingId(bookingId).orElse(null);
        if (earlier != null) {
            // A compensation came first (RELEASED tombstone) or the booking was handled under another
            // event id: the late step is refused and emits nothing to the next step.
            LOG.info("reserve-credits refused for booking {}: its hold is already {}", bookingId, earlier.getStatus());
            return;
        }
        BigDecimal fare = Money.exact(booking.fare());
        String snapshot = json(booking);
        int moved = entityManager.createNativeQuery("""
                        update credit_account
                           set balance = balance - ?1, held = held + ?1, version = version + 1, updated_at = ?2
                         where user_id = ?3 and balance >= ?1""")
                .setParameter(1, fare)
                .setParameter(2, now)
                .setParameter(3, booking.userId())
                .executeUpdate();
        if (moved == 1) {
            CreditHold hold = holds.save(CreditHold.held(bookingId, booking.userId(), fare, lraId, snapshot, now));
            emit(EventTypes.CREDITS_RESERVED, bookingId, STEP_VERSION,
                    new CreditsReserved(booking, hold.getId(), fare), lraId, correlationId);
            return;
        }
        boolean known = accounts.existsById(booking.userId());
        RejectionReason reason = known ? RejectionReason.INSUFFICIENT_CREDITS : RejectionReason.UNKNOWN_USER;
        String detail = known
                ? "The balance does not cover the fare of " + fare.toPlainString()
                : "No credit account for user " + booking.userId();
        holds.save(CreditHold.rejected(bookingId, known ? booking.userId() : null, reason, lraId, snapshot, now));
        emit(EventTypes.CREDITS_REJECTED, bookingId, STEP_VERSION, new CreditsRejected(booking, reason, detail),
                lraId, correlationId);
    }

    /**
     * release-credits: gives a HELD fare back to the balance and emits CreditsReleased. With nothing
     * held yet it records a RELEASED tombstone (and emits CreditsReleased with no hold id) so the late
     * step is refused. Repeats, and the compensation of a refused step, change nothing.
     */
    @Transactional
    public void release(String bookingId, String lraId) {
        lockBooking(bookingId);
        Instant now = now();
        CreditHold hold = holds.findByBookingId(bookingId).orElse(null);
        if (hold == null) {
            holds.save(CreditHold.tombstone(bookingId, lraId, now));
            emit(EventTypes.CREDITS_RELEASED, bookingId, UNDO_VERSION,
                    new CreditsReleased(unknownBooking(bookingId), null, Money.ZERO), lraId, null);
            return;
        }
        if (hold.getStatus() != CreditHoldStatus.HELD) {
            // RELEASED: released already; REJECTED: nothing was held; CAPTURED: the trip paid, too late to undo.
            LOG.debug("release-credits for booking {}: nothing to release ({})", bookingId, hold.getStatus());
            return;
        }
        int returned = entityManager.createNativeQuery("""
                        update credit_account
                           set balance = balance + ?1, held = held - ?1, version = version + 1, updated_at = ?2
                         where user_id = ?3 and held >= ?1""")
                .setParameter(1, hold.getAmount())
                .setParameter(2, now)
                .setParameter(3, hold.getUserId())
                .executeUpdate();
        if (returned != 1) {
            throw new IllegalStateException("Credit account of " + hold.getUserId() + " does not hold "
                    + hold.getAmount() + " for booking " + bookingId);
        }
        hold.release(now);
        emit(EventTypes.CREDITS_RELEASED, bookingId, UNDO_VERSION,
                new CreditsReleased(snapshotOf(hold), hold.getId(), hold.getAmount()), lraId, null);
    }

    /** confirm-credit-hold: the saga completed; the hold stays HELD until the trip captures it. */
    @Transactional
    public void confirm(String bookingId) {
        lockBooking(bookingId);
        holds.findByBookingId(bookingId)
                .filter(hold -> hold.getStatus() == CreditHoldStatus.HELD && !hold.isConfirmed())
                .ifPresent(hold -> hold.confirm(now()));
    }

    /** One booking's saga steps take turns (transaction-scoped, released at commit or rollback). */
    private void lockBooking(String bookingId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "credit_hold:" + bookingId)
                .getSingleResult();
    }

    private void emit(String type, String bookingId, long version, Object data, String lraId, String correlationId) {
        outbox.record(Topics.USERS, EventEnvelope.of(type, bookingId, version, EventJson.mapper().valueToTree(data)),
                lraId, correlationId);
    }

    private static BookingSnapshot bookingOf(EventEnvelope event) {
        BookingRequested requested;
        try {
            requested = EventJson.mapper().treeToValue(event.data(), BookingRequested.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a BookingRequested: " + e.getOriginalMessage());
        }
        BookingSnapshot booking = requested.booking();
        if (booking == null || booking.bookingId() == null || booking.userId() == null || booking.fare() == null) {
            throw new InvalidEventException("BookingRequested needs booking.bookingId, userId and fare");
        }
        if (!booking.bookingId().toString().equals(event.aggregateId())) {
            throw new InvalidEventException("aggregateId " + event.aggregateId() + " is not the booking id");
        }
        if (booking.fare().signum() < 0 || booking.fare().stripTrailingZeros().scale() > 2) {
            throw new InvalidEventException("fare must be a non-negative amount with at most 2 decimals");
        }
        return booking;
    }

    private static String json(BookingSnapshot booking) {
        try {
            return EventJson.mapper().writeValueAsString(booking);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static BookingSnapshot snapshotOf(CreditHold hold) {
        if (hold.getBookingSnapshot() == null) {
            return unknownBooking(hold.getBookingId());
        }
        try {
            return EventJson.mapper().readValue(hold.getBookingSnapshot(), BookingSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable booking snapshot on hold " + hold.getId(), e);
        }
    }

    /** A compensation knows only the booking id. */
    private static BookingSnapshot unknownBooking(String bookingId) {
        return new BookingSnapshot(UUID.fromString(bookingId), null, null, null, null, null);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
