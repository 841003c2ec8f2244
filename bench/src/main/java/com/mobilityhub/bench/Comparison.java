package com.mobilityhub.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A platform figure next to its baseline at the same concurrency: throughput ratio (platform /
 * baseline, higher is better) and p99 ratio (platform / baseline, lower is better).
 */
public record Comparison(Measurement.Scenario platform, Measurement.Scenario baseline, int clients,
                         double throughputRatio, double p99Ratio) {

    /** Issue #5's targets, against the raw coordinator. */
    public static final double THROUGHPUT_TARGET = 0.9;
    public static final double P99_TARGET = 2.0;
    public static final int P99_TARGET_CLIENTS = 8;

    /** {@code part / whole}, NaN when the whole is nothing (no baseline measured). */
    public static double ratio(double part, double whole) {
        return whole > 0 ? part / whole : Double.NaN;
    }

    /** Every platform measurement against every baseline measured at its concurrency. */
    public static List<Comparison> of(List<Measurement> measurements) {
        List<Comparison> comparisons = new ArrayList<>();
        for (Measurement platform : measurements) {
            if (!platform.scenario().platform) {
                continue;
            }
            for (Measurement baseline : measurements) {
                if (!baseline.scenario().platform && baseline.clients() == platform.clients()) {
                    comparisons.add(new Comparison(platform.scenario(), baseline.scenario(), platform.clients(),
                            ratio(platform.stats().perSecond(), baseline.stats().perSecond()),
                            ratio(platform.stats().p99Ms(), baseline.stats().p99Ms())));
                }
            }
        }
        return comparisons;
    }

    /** Throughput target: only against the coordinator, the ceiling of any 5-participant saga. */
    public Optional<Boolean> meetsThroughputTarget() {
        return baseline == Measurement.Scenario.COORDINATOR && !Double.isNaN(throughputRatio)
                ? Optional.of(throughputRatio >= THROUGHPUT_TARGET) : Optional.empty();
    }

    /** p99 target: against the coordinator at 8 clients. */
    public Optional<Boolean> meetsP99Target() {
        return baseline == Measurement.Scenario.COORDINATOR && clients == P99_TARGET_CLIENTS && !Double.isNaN(p99Ratio)
                ? Optional.of(p99Ratio <= P99_TARGET) : Optional.empty();
    }
}
