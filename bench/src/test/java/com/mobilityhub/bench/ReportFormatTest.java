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
