package com.mobilityhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.mobilityhub.bench.ComparisonTest.measurement;
import static com.mobilityhub.bench.Measurement.Scenario.BOOKING_SUCCESS;
import static com.mobilityhub.bench.Measurement.Scenario.COORDINATOR;
import static com.mobilityhub.bench.Measurement.Scenario.DATABASE;
import static org.assertj.core.api.Assertions.assertThat;

class ReportFormatTest {

    @Test
    void numbersAreFormattedForReading() {
        assertThat(MarkdownReport.ms(12.345)).isEqualTo("12.3");
        assertThat(MarkdownReport.rate(3.21)).isEqualTo("3.2");
        assertThat(MarkdownReport.rate(1234.4)).isEqualTo("1234");
        assertThat(MarkdownReport.ratio(0.0667)).isEqualTo("0.0667 x");
        assertThat(MarkdownReport.ratio(0.91)).isEqualTo("0.91 x");
        assertThat(MarkdownReport.ratio(Double.NaN)).isEqualTo("n/a");
    }

    @Test
    void markdownStatesEachBookingFigureAgainstTheCoordinatorWithItsTarget() {
        String markdown = MarkdownReport.render(report(passedChecks()));

        assertThat(markdown).startsWith("# Benchmark 2026-11-25T17:00:00Z: PASSED");
        assertThat(markdown).contains("| success | 8 | 45.0 | 250.0 | 450.0 | 500.0 | 750.0 | 0 | 50.0 | 0.90 x (met) | 250.0 | 2.00 x (met) |");
        assertThat(markdown).contains("| raw database: one-row insert transactions | 8 | 900 tx/s |");
        assertThat(markdown).contains("| hub | 300 | 250 |").contains("| **total** | **700** | **630** |");
    }

    @Test
    void aRunWithViolationsOrNonTerminalBookingsFails() {
        Checks violated = new Checks(false, List.of("{\"user\":\"x\"}"), 10, List.of(), Map.of(), 0);
        Checks stuck = new Checks(true, List.of(), 10, List.of("b-1"), Map.of(), 0);
        Checks surprised = new Checks(true, List.of(), 10, List.of(), Map.of("REJECTED TIMEOUT", 1L), 0);

        assertThat(report(violated).verdict()).isEqualTo("FAILED");
        assertThat(report(stuck).verdict()).isEqualTo("FAILED");
        assertThat(report(surprised).verdict()).isEqualTo("FAILED");
        assertThat(MarkdownReport.render(report(stuck))).contains("not terminal: 1 (e.g. b-1)");
    }

    @Test
    void jsonCarriesVerdictRatiosAndTargetsAndNoNaN() throws Exception {
        Report report = new Report("2026-11-25T17:00:00Z", "2026-11-25T17:05:00Z", "bin/mobility-bench", "http://h",
                machine(), "1 1 1", "2 2 2", List.of(measurement(BOOKING_SUCCESS, 32, 10, 100),
                measurement(COORDINATOR, 32, 0.0, 100)), List.of(new Comparison(BOOKING_SUCCESS, COORDINATOR, 32,
                Double.NaN, 1.0)), Map.of(), passedChecks());

        JsonNode json = new ObjectMapper().readTree(JsonReport.render(report));

        assertThat(json.path("verdict").asText()).isEqualTo("PASSED");
        assertThat(json.path("comparisons").get(0).path("throughputRatio").isNull()).isTrue();
        assertThat(json.path("comparisons").get(0).path("p99Ratio").asDouble()).isEqualTo(1.0);
        assertThat(json.path("measurements").get(0).path("scenario").asText()).isEqualTo("BOOKING_SUCCESS");
        assertThat(json.path("machine").path("cpus").asInt()).isEqualTo(2);
    }

    @Test
    void cpuSectionListsEachProcessesCpuPerOperationWithTotalAndBusyPerConcurrency() {
        Report report = cpuReport(Map.of("lra-coordinator", 6_000L, "hub", 0L, StackCpu.BENCH, 3_000L),
                Map.of("lra-coordinator", 4_000L, "hub", 12_000L, StackCpu.BENCH, 1_000L));

        String markdown = MarkdownReport.render(report);

        assertThat(markdown).contains("## CPU per operation by process")
                .contains("booking success total / coordinator total")
                .contains("### 8 clients")
                .contains("| CPU ms per operation | coordinator 8 | success 8 |")
                .contains("| operations | 300 | 100 |")
                .contains("| wall s | 6.0 | 17.0 |")
                .contains("| lra-coordinator | 20.0 | 40.0 |")
                .contains("| hub | 0.00 | 120 |")
                .contains("| " + StackCpu.BENCH + " | 10.0 | 10.0 |")
                .contains("| **total** | **30.0** | **170** |")
                .contains("| x coordinator |  | 5.67 x |")
                .contains("| machine busy % | 75 | 50 |")
                .doesNotContain("only the bench JVM's own CPU");
        // the bench JVM is listed under the stack it drives
        assertThat(markdown.indexOf("| hub |")).isLessThan(markdown.indexOf("| " + StackCpu.BENCH));
    }

    @Test
    void withoutALocalStackTheCpuSectionShowsOnlyTheBenchJvm() {
        Report report = cpuReport(Map.of(StackCpu.BENCH, 3_000L), Map.of(StackCpu.BENCH, 1_000L));

        String markdown = MarkdownReport.render(report);

        assertThat(markdown).contains("only the bench JVM's own CPU is shown")
                .contains("| " + StackCpu.BENCH + " | 10.0 | 10.0 |")
                .doesNotContain("| hub |");
    }

    @Test
    void jsonCarriesCpuPerProcessAndItsDerivedFigures() throws Exception {
        Report report = cpuReport(Map.of("lra-coordinator", 6_000L, StackCpu.BENCH, 3_000L),
                Map.of("lra-coordinator", 4_000L, StackCpu.BENCH, 1_000L));

        JsonNode cpu = new ObjectMapper().readTree(JsonReport.render(report)).path("measurements").get(0).path("cpu");

        assertThat(cpu.path("wallSeconds").asDouble()).isEqualTo(6.0);
        assertThat(cpu.path("operations").asLong()).isEqualTo(300);
        assertThat(cpu.path("cpuMsByProcess").path("lra-coordinator").asLong()).isEqualTo(6_000);
        assertThat(cpu.path("cpuMsPerOperationByProcess").path("lra-coordinator").asDouble()).isEqualTo(20.0);
        assertThat(cpu.path("totalCpuMsPerOperation").asDouble()).isEqualTo(30.0);
        assertThat(cpu.path("machineBusyPercent").asDouble()).isEqualTo(75.0);
    }

    @Test
    void aReportWithoutCpuAccountingSaysSo() {
        assertThat(MarkdownReport.render(report(passedChecks())))
                .contains("## CPU per operation by process\n\nNot measured.");
    }

    /** Coordinator and booking success at 8 clients; the maps are CPU ms per process. */
    private static Report cpuReport(Map<String, Long> coordinatorCpuMs, Map<String, Long> bookingCpuMs) {
        Measurement coordinator = new Measurement(COORDINATOR, 8, measurement(COORDINATOR, 8, 5, 250).stats(),
                new CpuUsage(6.0, 300, ordered(coordinatorCpuMs)));
        Measurement booking = new Measurement(BOOKING_SUCCESS, 8, measurement(BOOKING_SUCCESS, 8, 1, 500).stats(),
                new CpuUsage(17.0, 100, ordered(bookingCpuMs)));
        List<Measurement> measurements = List.of(coordinator, booking);
        return new Report("2026-11-25T17:00:00Z", "2026-11-25T17:05:00Z", "bin/mobility-bench", "http://h",
                machine(), "1 1 1", "2 2 2", measurements, Comparison.of(measurements), Map.of(), passedChecks());
    }

    /** The stack's processes in a fixed order, the bench JVM last, as StackCpu hands them over. */
    private static Map<String, Long> ordered(Map<String, Long> cpuMs) {
        Map<String, Long> ordered = new LinkedHashMap<>();
        cpuMs.keySet().stream().filter(p -> !p.equals(StackCpu.BENCH)).sorted().forEach(p -> ordered.put(p, cpuMs.get(p)));
        if (cpuMs.containsKey(StackCpu.BENCH)) {
            ordered.put(StackCpu.BENCH, cpuMs.get(StackCpu.BENCH));
        }
        return ordered;
    }

    private static Report report(Checks checks) {
        List<Measurement> measurements = List.of(measurement(BOOKING_SUCCESS, 8, 45, 500),
                measurement(COORDINATOR, 8, 50, 250), measurement(DATABASE, 8, 900, 20));
        Map<String, StackProcesses.Memory> rss = new LinkedHashMap<>();
        rss.put("hub", new StackProcesses.Memory(300, 250));
        rss.put("launcher (Kafka)", new StackProcesses.Memory(400, 380));
        return new Report("2026-11-25T17:00:00Z", "2026-11-25T17:05:00Z", "bin/mobility-bench --quick",
                "http://127.0.0.1:8080", machine(), "1.0 1.0 1.0", "2.0 2.0 2.0", measurements,
                Comparison.of(measurements), rss, checks);
    }

    private static Machine machine() {
        return new Machine(2, 24000, 20000, "1.0 1.0 1.0", "OpenJDK 25", "Linux");
    }

    private static Checks passedChecks() {
        return new Checks(true, List.of(), 100, List.of(), Map.of(), 0);
    }
}
