package com.mobilityhub.bench;

import org.junit.jupiter.api.Test;

import java.util.List;

import static com.mobilityhub.bench.Measurement.Scenario.BOOKING_REJECTION;
import static com.mobilityhub.bench.Measurement.Scenario.BOOKING_SUCCESS;
import static com.mobilityhub.bench.Measurement.Scenario.BROKER;
import static com.mobilityhub.bench.Measurement.Scenario.COORDINATOR;
import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest {

    @Test
    void ratioIsPartOverWholeAndUndefinedWithoutAWhole() {
        assertThat(Comparison.ratio(45, 50)).isEqualTo(0.9);
        assertThat(Comparison.ratio(3, 0)).isNaN();
    }

    @Test
    void everyPlatformFigureIsComparedWithEveryBaselineAtTheSameConcurrency() {
        List<Comparison> comparisons = Comparison.of(List.of(
                measurement(BOOKING_SUCCESS, 8, 45, 500),
                measurement(BOOKING_REJECTION, 8, 60, 300),
                measurement(COORDINATOR, 8, 50, 250),
                measurement(COORDINATOR, 32, 55, 900),
                measurement(BROKER, 8, 1000, 10)));

        assertThat(comparisons).extracting(Comparison::platform, Comparison::baseline, Comparison::clients)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(BOOKING_SUCCESS, COORDINATOR, 8),
                        org.assertj.core.groups.Tuple.tuple(BOOKING_SUCCESS, BROKER, 8),
                        org.assertj.core.groups.Tuple.tuple(BOOKING_REJECTION, COORDINATOR, 8),
                        org.assertj.core.groups.Tuple.tuple(BOOKING_REJECTION, BROKER, 8));
        Comparison success = comparisons.getFirst();
        assertThat(success.throughputRatio()).isEqualTo(0.9);
        assertThat(success.p99Ratio()).isEqualTo(2.0);
    }

    @Test
    void targetsApplyAgainstTheCoordinatorOnlyAndP99OnlyAtEightClients() {
        Comparison atEight = new Comparison(BOOKING_SUCCESS, COORDINATOR, 8, 0.89, 2.0);
        Comparison atThirtyTwo = new Comparison(BOOKING_SUCCESS, COORDINATOR, 32, 0.95, 9.0);
        Comparison againstBroker = new Comparison(BOOKING_SUCCESS, BROKER, 8, 0.01, 50);

        assertThat(atEight.meetsThroughputTarget()).contains(false);
        assertThat(atEight.meetsP99Target()).contains(true);
        assertThat(atThirtyTwo.meetsThroughputTarget()).contains(true);
        assertThat(atThirtyTwo.meetsP99Target()).isEmpty();
        assertThat(againstBroker.meetsThroughputTarget()).isEmpty();
        assertThat(againstBroker.meetsP99Target()).isEmpty();
    }

    static Measurement measurement(Measurement.Scenario scenario, int clients, double perSecond, double p99Ms) {
        return new Measurement(scenario, clients, new LatencyStats(100, 0, 100 / perSecond, perSecond,
                p99Ms / 2, p99Ms * 0.9, p99Ms, p99Ms * 1.5));
    }
}
