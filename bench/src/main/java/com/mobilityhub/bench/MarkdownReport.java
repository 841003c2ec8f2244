package com.mobilityhub.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The report a person reads: platform figures first, each with its ratio to the raw coordinator. */
public final class MarkdownReport {

    private MarkdownReport() {
    }

    public static String render(Report report) {
        StringBuilder md = new StringBuilder();
        md.append("# Benchmark ").append(report.startedAt()).append(": ").append(report.verdict()).append("\n\n");
        md.append("- command: `").append(report.command()).append("`\n");
        md.append("- base URL: ").append(report.baseUrl()).append("\n");
        Machine m = report.machine();
        md.append(String.format(Locale.ROOT, "- machine: %d CPUs, %d MiB memory (%d MiB available at start), %s; bench JDK %s%n",
                m.cpus(), m.memoryMiB(), m.availableMiB(), m.os(), m.jdk()));
        md.append("- load average (1/5/15 min): ").append(report.loadAverageAtStart()).append(" at start, ")
                .append(report.loadAverageAtEnd()).append(" at end\n");
        md.append("- finished: ").append(report.finishedAt()).append("\n\n");

        md.append("## Booking saga against the raw coordinator (same run)\n\n");
        md.append("Latency is POST /bookings to terminal state. Ratio = booking / raw coordinator at the same "
                + "concurrency; targets: throughput >= ").append(ratio(Comparison.THROUGHPUT_TARGET))
                .append(", p99 at ").append(Comparison.P99_TARGET_CLIENTS).append(" clients <= ")
                .append(ratio(Comparison.P99_TARGET)).append(".\n\n");
        md.append("| path | clients | sagas/s | p50 ms | p95 ms | p99 ms | max ms | errors | coordinator sagas/s | "
                + "throughput ratio | coordinator p99 ms | p99 ratio |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement platform : report.measurements()) {
            if (!platform.scenario().platform) {
                continue;
            }
            Optional<Measurement> ceiling = find(report.measurements(), Measurement.Scenario.COORDINATOR, platform.clients());
            Optional<Comparison> comparison = report.comparisons().stream()
                    .filter(c -> c.platform() == platform.scenario() && c.clients() == platform.clients()
                            && c.baseline() == Measurement.Scenario.COORDINATOR).findFirst();
            LatencyStats s = platform.stats();
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %s | %s | %d | %s | %s | %s | %s |%n",
                    platform.scenario() == Measurement.Scenario.BOOKING_SUCCESS ? "success" : "rejection",
                    platform.clients(), rate(s.perSecond()), ms(s.p50Ms()), ms(s.p95Ms()), ms(s.p99Ms()), ms(s.maxMs()),
                    s.errors(),
                    ceiling.map(c -> rate(c.stats().perSecond())).orElse("n/a"),
                    comparison.map(c -> ratio(c.throughputRatio()) + mark(c.meetsThroughputTarget())).orElse("n/a"),
                    ceiling.map(c -> ms(c.stats().p99Ms())).orElse("n/a"),
                    comparison.map(c -> ratio(c.p99Ratio()) + mark(c.meetsP99Target())).orElse("n/a")));
        }

        md.append("\n## Baselines\n\n");
        md.append("| baseline | clients | per second | p50 ms | p95 ms | p99 ms | max ms | errors |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|\n");
        for (Measurement baseline : report.measurements()) {
            if (baseline.scenario().platform) {
                continue;
            }
            LatencyStats s = baseline.stats();
            md.append(String.format(Locale.ROOT, "| %s | %d | %s %s | %s | %s | %s | %s | %d |%n",
                    baseline.scenario().description, baseline.clients(), rate(s.perSecond()), baseline.scenario().unit,
                    ms(s.p50Ms()), ms(s.p95Ms()), ms(s.p99Ms()), ms(s.maxMs()), s.errors()));
        }

        md.append("\n## Booking throughput against the other baselines\n\n");
        md.append("| path | clients | x raw database tx/s | x raw broker round trips/s |\n|---|---:|---:|---:|\n");
        for (Measurement platform : report.measurements()) {
            if (!platform.scenario().platform) {
                continue;
            }
            md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s |%n",
                    platform.scenario() == Measurement.Scenario.BOOKING_SUCCESS ? "success" : "rejection",
                    platform.clients(),
                    ratioAgainst(report, platform, Measurement.Scenario.DATABASE),
                    ratioAgainst(report, platform, Measurement.Scenario.BROKER)));
        }

        CpuSection.render(report, md);

        Checks checks = report.checks();
        md.append("\n## Checks: ").append(report.verdict()).append("\n\n");
        md.append("- GET /api/v1/admin/consistency: ").append(checks.consistencyOk() ? "ok" : "NOT ok");
        if (!checks.violations().isEmpty()) {
            md.append(", ").append(checks.violations().size()).append(" violations, e.g. ")
                    .append(checks.violations().getFirst());
        }
        md.append("\n- bookings made: ").append(checks.bookings()).append(", not terminal: ")
                .append(checks.nonTerminal().size());
        if (!checks.nonTerminal().isEmpty()) {
            md.append(" (e.g. ").append(checks.nonTerminal().getFirst()).append(")");
        }
        md.append("\n- unexpected outcomes: ").append(checks.unexpectedOutcomes().isEmpty() ? "none"
                : checks.unexpectedOutcomes().toString());
        md.append("\n- answered 202 PENDING despite Prefer: wait=30 (then polled): ").append(checks.answeredPending())
                .append("\n");

        md.append("\n## Memory of the local stack at the end\n\n");
        if (report.stackMemory().isEmpty()) {
            md.append("No local stack found (run/local-stack.properties): not measured.\n");
        } else {
            md.append("RSS counts PostgreSQL's shared memory once per backend; PSS shares it out.\n\n");
            md.append("| process | RSS MiB | PSS MiB |\n|---|---:|---:|\n");
            for (Map.Entry<String, StackProcesses.Memory> process : report.stackMemory().entrySet()) {
                md.append("| ").append(process.getKey()).append(" | ").append(process.getValue().rssMiB())
                        .append(" | ").append(process.getValue().pssMiB()).append(" |\n");
            }
            md.append("| **total** | **").append(report.stackRssTotalMiB()).append("** | **")
                    .append(report.stackPssTotalMiB()).append("** |\n");
        }
        return md.toString();
    }

    private static String ratioAgainst(Report report, Measurement platform, Measurement.Scenario baseline) {
        return report.comparisons().stream()
                .filter(c -> c.platform() == platform.scenario() && c.clients() == platform.clients()
                        && c.baseline() == baseline)
                .findFirst().map(c -> ratio(c.throughputRatio())).orElse("n/a");
    }

    private static Optional<Measurement> find(List<Measurement> all, Measurement.Scenario scenario, int clients) {
        return all.stream().filter(m -> m.scenario() == scenario && m.clients() == clients).findFirst();
    }

    private static String mark(Optional<Boolean> target) {
        return target.map(met -> met ? " (met)" : " (NOT met)").orElse("");
    }

    static String ms(double millis) {
        return String.format(Locale.ROOT, "%.1f", millis);
    }

    static String rate(double perSecond) {
        return String.format(Locale.ROOT, perSecond >= 100 ? "%.0f" : "%.1f", perSecond);
    }

    /** CPU milliseconds: enough digits for a database insert's 0.05 ms and a saga's 450 ms alike. */
    static String cpuMs(double millis) {
        if (Double.isNaN(millis) || Double.isInfinite(millis)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, millis >= 100 ? "%.0f" : millis >= 1 ? "%.1f" : "%.2f", millis);
    }

    static String percent(double percent) {
        if (Double.isNaN(percent) || Double.isInfinite(percent)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%.0f", percent);
    }

    static String ratio(double ratio) {
        if (Double.isNaN(ratio) || Double.isInfinite(ratio)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, ratio >= 0.1 || ratio == 0 ? "%.2f x" : "%.4f x", ratio);
    }
}
