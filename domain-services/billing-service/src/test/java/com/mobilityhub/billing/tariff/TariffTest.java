package com.mobilityhub.billing.tariff;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TariffTest {

    private final Tariff tariff = new Tariff("EUR", new BigDecimal("1.00"), new BigDecimal("0.90"), new BigDecimal("0.25"));

    @Test
    void pricesBasePlusDistancePlusTimeInExactCents() {
        Tariff.Fare fare = tariff.fareOf(new BigDecimal("10.0"), new BigDecimal("20"));

        assertThat(fare.total()).isEqualByComparingTo("15.00");
        assertThat(fare.total().scale()).isEqualTo(2);
        assertThat(fare.currency()).isEqualTo("EUR");
    }

    @Test
    void roundsEachPartHalfUpSoThePartsAddUpToTheTotal() {
        // 0.9 x 3.333 = 2.9997 -> 3.00; 0.25 x 7.02 = 1.755 -> 1.76 (a double would give 1.7549999...)
        Tariff.Fare fare = tariff.fareOf(new BigDecimal("3.333"), new BigDecimal("7.02"));

        assertThat(fare.distance()).isEqualByComparingTo("3.00");
        assertThat(fare.time()).isEqualByComparingTo("1.76");
        assertThat(fare.total()).isEqualByComparingTo(fare.base().add(fare.distance()).add(fare.time()));
        assertThat(fare.total()).isEqualByComparingTo("5.76");
    }

    @Test
    void refusesNegativeMeasurements() {
        assertThatThrownBy(() -> tariff.fareOf(new BigDecimal("-1"), BigDecimal.ONE))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
