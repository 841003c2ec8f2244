package com.mobilityhub.bench;

import org.HdrHistogram.Histogram;

/**
 * What one measured load level produced: how many operations succeeded in how long, and the
 * latency distribution of the successful ones (milliseconds).
 */
public record LatencyStats(long count, long errors, double seconds, double perSecond,
                           double p50Ms, double p95Ms, double p99Ms, double maxMs) {

    /** Latencies are recorded in microseconds; up to 10 minutes, 3 significant digits. */
    public static Histogram newHistogram() {
        return new Histogram(600_000_000L, 3);
    }

    public static LatencyStats of(Histogram micros, long errors, double seconds) {
        long count = micros.getTotalCount();
        double perSecond = seconds > 0 ? count / seconds : 0;
        if (count == 0) {
            return new LatencyStats(0, errors, seconds, perSecond, 0, 0, 0, 0);
        }
        return new LatencyStats(count, errors, seconds, perSecond,
                millis(micros.getValueAtPercentile(50)), millis(micros.getValueAtPercentile(95)),
                millis(micros.getValueAtPercentile(99)), millis(micros.getMaxValue()));
    }

    private static double millis(long micros) {
        return micros / 1000.0;
    }
}
