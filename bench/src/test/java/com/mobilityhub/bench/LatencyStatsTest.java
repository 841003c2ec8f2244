package com.mobilityhub.bench;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LatencyStatsTest {

    @Test
    void percentilesComeFromTheRecordedMicrosecondsInMilliseconds() {
        Histogram micros = LatencyStats.newHistogram();
        for (int ms = 1; ms <= 100; ms++) {
            micros.recordValue(ms * 1000L);
        }

        LatencyStats stats = LatencyStats.of(micros, 3, 2.0);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.errors()).isEqualTo(3);
        assertThat(stats.perSecond()).isEqualTo(50.0);
        // HdrHistogram with 3 significant digits: within 0.1 % of the exact value.
        assertThat(stats.p50Ms()).isCloseTo(50.0, within(0.1));
        assertThat(stats.p95Ms()).isCloseTo(95.0, within(0.1));
        assertThat(stats.p99Ms()).isCloseTo(99.0, within(0.1));
        assertThat(stats.maxMs()).isCloseTo(100.0, within(0.1));
    }

    @Test
    void aLevelWithoutSuccessHasZeroLatencyAndRate() {
        LatencyStats stats = LatencyStats.of(LatencyStats.newHistogram(), 7, 5.0);

        assertThat(stats.count()).isZero();
        assertThat(stats.errors()).isEqualTo(7);
        assertThat(stats.perSecond()).isZero();
        assertThat(stats.p99Ms()).isZero();
    }
}
