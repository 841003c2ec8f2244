package com.mobilityhub.hub.bookings;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;

/**
 * The cancellation fee rule ({@code mobility.booking.cancellation.*}): free within the free period after
 * the booking's confirmation; afterwards the fee rate of the held fare, HALF_UP to cents, at least the
 * minimum fee, never more than the fare. The hub computes it once, when the rider asks, and the
 * cancellation events carry it, so every service works with the same figure.
 */
final class BookingCancellationFees {

    /** An exact amount with its currency. */
    record Fee(BigDecimal amount, String currency) {
    }

    private BookingCancellationFees() {
    }

    /** {@code confirmedAt} null (confirmed before it was recorded) counts as long ago: the fee applies. */
    static Fee fee(BookingCancellationProperties rule, BigDecimal fare, Instant confirmedAt, Instant requestedAt) {
        BigDecimal held = fare.setScale(2, RoundingMode.UNNECESSARY);
        boolean free = confirmedAt != null && !Duration.between(confirmedAt, requestedAt).minus(rule.freePeriod()).isPositive();
        if (free) {
            return new Fee(BigDecimal.ZERO.setScale(2), rule.currency());
        }
        BigDecimal share = held.multiply(rule.feeRate()).setScale(2, RoundingMode.HALF_UP);
        BigDecimal fee = share.max(rule.minimumFee().setScale(2, RoundingMode.HALF_UP)).min(held);
        return new Fee(fee, rule.currency());
    }
}
