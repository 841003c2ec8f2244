package com.mobilityhub.users.credits;

import com.mobilityhub.kit.api.ProblemException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Trip completion's capture of a booking's credit hold (called by billing-service, keyed by booking):
 * takes the fare up to the held amount and gives the rest of the hold back to the balance, in one
 * transaction. Idempotent: a repeat answers the first capture and moves nothing.
 *
 * <p>It takes the booking's advisory lock ({@code credit_hold:<bookingId>}, the key {@link CreditHolds}
 * uses), so a capture and the saga's release of the same hold take turns: whichever comes second
 * finds the hold no longer HELD.
 */
@Service
public class CreditCaptures {

    @PersistenceContext
    private EntityManager entityManager;

    private final CreditHoldRepository holds;
    private final CreditCaptureRepository captures;

    public CreditCaptures(CreditHoldRepository holds, CreditCaptureRepository captures) {
        this.holds = holds;
        this.captures = captures;
    }

    /**
     * Captures up to {@code fare} of the booking's hold. 404 when the booking has no hold, 409 when its
     * hold is not HELD (released, refused) or was captured for another amount.
     */
    @Transactional
    public CreditCapture.CreditCaptureView capture(String bookingId, BigDecimal fare) {
        BigDecimal requested = Money.exact(fare);
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "credit_hold:" + bookingId)
                .getSingleResult();

        CreditCapture earlier = captures.findById(bookingId).orElse(null);
        if (earlier != null) {
            if (earlier.getRequested().compareTo(requested) != 0) {
                throw ProblemException.conflict("Hold already captured", "The hold of booking " + bookingId
                        + " was captured for " + earlier.getRequested().toPlainString() + ", not " + requested.toPlainString());
            }
            return earlier.toView();
        }
        CreditHold hold = holds.findByBookingId(bookingId)
                .orElseThrow(() -> ProblemException.notFound("Credit hold", bookingId));
        if (hold.getStatus() != CreditHoldStatus.HELD) {
            throw ProblemException.conflict("Hold not capturable",
                    "The hold of booking " + bookingId + " is " + hold.getStatus() + "; nothing can be captured");
        }
        BigDecimal captured = requested.min(hold.getAmount());
        BigDecimal released = hold.getAmount().subtract(captured);
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);

        // The whole hold leaves `held`: the captured part is spent, the rest is spendable again.
        int settled = entityManager.createNativeQuery("""
                        update credit_account
                           set held = held - ?1, balance = balance + ?2, version = version + 1, updated_at = ?3
                         where user_id = ?4 and held >= ?1""")
                .setParameter(1, hold.getAmount())
                .setParameter(2, released)
                .setParameter(3, now)
                .setParameter(4, hold.getUserId())
                .executeUpdate();
        int marked = entityManager.createNativeQuery(
                        "update credit_hold set status = 'CAPTURED', updated_at = ?1 where id = ?2 and status = 'HELD'")
                .setParameter(1, now)
                .setParameter(2, hold.getId())
                .executeUpdate();
        if (settled != 1 || marked != 1) {
            throw new IllegalStateException("Credit account of " + hold.getUserId() + " does not hold "
                    + hold.getAmount() + " for booking " + bookingId);
        }
        // The hold entity in this persistence context is stale now; nothing below reads it.
        return captures.save(new CreditCapture(bookingId, hold.getId(), hold.getUserId(), requested, captured,
                released, now)).toView();
    }
}
