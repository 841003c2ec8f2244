package com.mobilityhub.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One benchmark run: the raw baselines (coordinator, database, broker), then the booking saga
 * through the public API at each concurrency, then the checks, then the report. Exit code 0 when
 * the checks passed, 1 when they did not (targets missed are reported, not failed), 2 on bad usage.
 */
public final class Bench {

    private static final DateTimeFormatter FILE_STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss'Z'")
            .withZone(ZoneOffset.UTC);

    private final BenchOptions options;
    private final List<Measurement> measurements = new ArrayList<>();
    private final StackCpu cpu;

    private Bench(BenchOptions options) {
        this.options = options;
        this.cpu = new StackCpu(options.dataDir());
    }

    public static void main(String[] args) throws Exception {
        // The Kafka clients log every config at INFO: keep the console for the figures.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        BenchOptions options;
        try {
            options = BenchOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        String command = System.getProperty("bench.command", "bench " + String.join(" ", args));
        Report report = new Bench(options).run(command);
        Path markdown = write(options.reportDir(), report);
        System.out.println();
        System.out.println(MarkdownReport.render(report));
        System.out.println("report: " + markdown);
        System.exit(report.checks().passed() ? 0 : 1);
    }

    private Report run(String command) throws Exception {
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Machine machine = Machine.now();
        log("bench against " + options.baseUrl() + (options.quick() ? " (quick)" : "") + ", load average "
                + machine.loadAverage());
        if (options.runs("coordinator")) {
            coordinatorBaseline();
        }
        if (options.runs("database")) {
            databaseBaseline();
        }
        if (options.runs("broker")) {
            brokerBaseline();
        }
        Checks checks = Checks.none();
        if (options.runs("booking")) {
            checks = bookingSaga();
        }
        Map<String, StackProcesses.Memory> memory = StackProcesses.of(options.dataDir());
        return new Report(started.toString(), Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), command,
                options.baseUrl(), machine, machine.loadAverage(), Machine.loadNow(), List.copyOf(measurements),
                Comparison.of(measurements), memory, checks);
    }

    private void coordinatorBaseline() throws Exception {
        try (NoOpParticipants participants = new NoOpParticipants()) {
            CoordinatorBaseline coordinator = new CoordinatorBaseline(options.coordinatorUrl(), participants);
            warmUp("coordinator", coordinator::saga);
            for (int clients : options.concurrencies()) {
                measure(Measurement.Scenario.COORDINATOR, clients, options.baselineLevel(), Long.MAX_VALUE,
                        coordinator::saga);
            }
            log("  no-op participants got " + participants.completions() + " completions, "
                    + participants.compensations() + " compensations");
        }
    }

    private void databaseBaseline() throws Exception {
        int most = options.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
        try (DatabaseBaseline database = new DatabaseBaseline(options.postgresHost(), options.postgresPort(),
                options.postgresUser(), options.postgresPassword(), Math.max(most, 8))) {
            warmUp("database", database::insert);
            for (int clients : options.concurrencies()) {
                measure(Measurement.Scenario.DATABASE, clients, options.baselineLevel(), Long.MAX_VALUE, database::insert);
            }
        }
    }

    private void brokerBaseline() throws Exception {
        try (BrokerBaseline broker = new BrokerBaseline(options.kafka())) {
            warmUp("broker", broker::roundTrip);
            for (int clients : options.concurrencies()) {
                measure(Measurement.Scenario.BROKER, clients, options.baselineLevel(), Long.MAX_VALUE, broker::roundTrip);
            }
        }
    }

    private Checks bookingSaga() throws Exception {
        HubApi hub = new HubApi(options.baseUrl(), options.token());
        BookingLoad bookings = new BookingLoad(hub);
        int most = options.concurrencies().stream().mapToInt(Integer::intValue).max().orElse(1);
        int warmUpBookings = 16;
        bookings.provisionUsers(most, Bench::log);
        bookings.provisionVehicles(warmUpBookings / 2, Bench::log);
        // Warm-up: the first sagas pay for JIT, connection pools and consumer assignments.
        ClosedLoopLoad.run("warm-up", Math.min(8, most), Duration.ofSeconds(60), warmUpBookings / 2,
                bookings::bookSuccessfully);
        ClosedLoopLoad.run("warm-up", Math.min(8, most), Duration.ofSeconds(60), warmUpBookings / 2,
                bookings::bookRejected);
        for (int clients : options.concurrencies()) {
            // Each successful booking keeps its vehicle. The raw coordinator's rate bounds what a saga can
            // reach, so provision for that (plus a margin) rather than for the level's maximum.
            Duration level = options.sagaLevel(clients);
            int vehicles = options.maxBookingsPerLevel(clients);
            var ceiling = measurements.stream()
                    .filter(m -> m.scenario() == Measurement.Scenario.COORDINATOR && m.clients() == clients).findFirst();
            if (ceiling.isPresent()) {
                vehicles = (int) Math.min(vehicles,
                        Math.ceil(ceiling.get().stats().perSecond() * level.toMillis() / 1000.0 * 1.5) + clients);
            }
            bookings.provisionVehicles(vehicles, Bench::log);
            measure(Measurement.Scenario.BOOKING_SUCCESS, clients, level, bookings.availableVehicles(),
                    bookings::bookSuccessfully);
        }
        for (int clients : options.concurrencies()) {
            measure(Measurement.Scenario.BOOKING_REJECTION, clients, options.sagaLevel(clients),
                    options.maxBookingsPerLevel(clients), bookings::bookRejected);
        }
        log("checking: every booking terminal, consistency ok");
        List<String> nonTerminal = bookings.nonTerminalBookings(Duration.ofSeconds(60));
        HubApi.Answer consistency = hub.get("/admin/consistency");
        boolean ok = consistency.status() == 200 && consistency.body() != null
                && consistency.body().path("ok").asBoolean(false);
        List<String> violations = new ArrayList<>();
        if (consistency.status() != 200) {
            violations.add("GET /admin/consistency answered " + consistency.status());
        } else {
            for (JsonNode violation : consistency.body().path("violations")) {
                violations.add(violation.toString());
            }
        }
        return new Checks(ok, violations, bookings.bookingsMade(), nonTerminal, bookings.unexpectedOutcomes(),
                bookings.answeredPending());
    }

    private void warmUp(String name, ClosedLoopLoad.Operation operation) throws InterruptedException {
        ClosedLoopLoad.run(name + " warm-up", 8, options.quick() ? Duration.ofSeconds(1) : Duration.ofSeconds(2),
                Long.MAX_VALUE, operation);
    }

    private void measure(Measurement.Scenario scenario, int clients, Duration limit, long maxOperations,
                         ClosedLoopLoad.Operation operation) throws InterruptedException {
        StackCpu.Level level = cpu.start();
        LatencyStats stats = ClosedLoopLoad.run(scenario.name(), clients, limit, maxOperations, operation);
        CpuUsage used = level.stop(stats.count());
        measurements.add(new Measurement(scenario, clients, stats, used));
        log(String.format(Locale.ROOT, "  %-18s %2d clients: %8s %s, p50 %s ms, p99 %s ms, max %s ms, %d errors, "
                        + "CPU %s ms/op, machine %s%% busy (load %s)",
                scenario, clients, MarkdownReport.rate(stats.perSecond()), scenario.unit,
                MarkdownReport.ms(stats.p50Ms()), MarkdownReport.ms(stats.p99Ms()), MarkdownReport.ms(stats.maxMs()),
                stats.errors(), MarkdownReport.cpuMs(used.totalMsPerOperation()),
                MarkdownReport.percent(used.machineBusyPercent(Runtime.getRuntime().availableProcessors())),
                Machine.loadNow()));
    }

    /** Writes {@code <stamp>.md}, {@code <stamp>.json} and {@code latest.md}; returns the Markdown file. */
    static Path write(Path directory, Report report) throws java.io.IOException {
        Files.createDirectories(directory);
        String stamp = FILE_STAMP.format(Instant.parse(report.startedAt()));
        String markdown = MarkdownReport.render(report);
        Path md = directory.resolve(stamp + ".md");
        Files.writeString(md, markdown);
        Files.writeString(directory.resolve(stamp + ".json"), JsonReport.render(report));
        Files.writeString(directory.resolve("latest.md"), markdown);
        return md;
    }

    private static void log(String line) {
        System.out.println("[" + Instant.now().truncatedTo(ChronoUnit.SECONDS) + "] " + line);
    }
}
