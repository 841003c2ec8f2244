package com.mobilityhub.hub.bookings;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class BookingCancellationFeesTest {

    private static final BookingCancellationProperties RULE = new BookingCancellationProperties(Duration.ofMinutes(5),
            new BigDecimal("0.10"), new BigDecimal("1.00"), "EUR", Duration.ofSeconds(30), Duration.ofSeconds(10));
    private static final Instant CONFIRMED = Instant.parse("2026-11-25T10:00:00Z");

    @Test
    void isFreeWithinTheFreePeriodIncludingItsLastInstant() {
        assertThat(BookingCancellationFees.fee(RULE, new BigDecimal("18.40"), CONFIRMED, CONFIRMED.plusSeconds(60)))
                .isEqualTo(new BookingCancellationFees.Fee(new BigDecimal("0.00"), "EUR"));
        assertThat(fee("18.40", CONFIRMED.plus(Duration.ofMinutes(5)))).isEqualByComparingTo("0.00");
    }

    @Test
    void isTenPercentOfTheFareRoundedHalfUpAfterwards() {
        assertThat(fee("18.45", CONFIRMED.plus(Duration.ofMinutes(5)).plusMillis(1))).isEqualByComparingTo("1.85");
        assertThat(fee("40.00", CONFIRMED.plus(Duration.ofHours(2)))).isEqualByComparingTo("4.00");
    }

    @Test
    void isAtLeastTheMinimumButNeverMoreThanTheFare() {
        assertThat(fee("7.70", CONFIRMED.plus(Duration.ofMinutes(10)))).isEqualByComparingTo("1.00");
        assertThat(fee("0.60", CONFIRMED.plus(Duration.ofMinutes(10)))).isEqualByComparingTo("0.60");
    }

    @Test
    void aBookingConfirmedBeforeConfirmationTimesWereRecordedPaysTheFee() {
        assertThat(BookingCancellationFees.fee(RULE, new BigDecimal("20.00"), null, CONFIRMED).amount())
                .isEqualByComparingTo("2.00");
    }

    private static BigDecimal fee(String fare, Instant requestedAt) {
        return BookingCancellationFees.fee(RULE, new BigDecimal(fare), CONFIRMED, requestedAt).amount();
    }
}
