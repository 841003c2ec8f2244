package com.mobilityhub.localstack;

import com.mobilityhub.contracts.Topics;
import com.mobilityhub.infra.LocalKafkaBroker;
import com.mobilityhub.infra.LocalPostgres;
import sun.misc.Signal;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * {@code up}: PostgreSQL and Kafka in this JVM, then every app as a child JVM, readiness, demo data,
 * the banner; then it waits. A signal (Ctrl-C forwarded by bin/mobility-hub, or SIGTERM) stops
 * everything in reverse dependency order: the hub, the services, the coordinator, Kafka, PostgreSQL.
 * All lifecycle work happens on the main thread; signals only ask for it.
 */
final class Supervisor {

    static final Duration STOP_GRACE = Duration.ofSeconds(15);
    /**
     * Extra time for JVMs writing their CDS archives on exit: ~10 s alone, over a minute for seven
     * at once on two busy cores. Killed earlier, an app simply writes it on a later stop.
     */
    static final Duration CDS_ARCHIVE_GRACE = Duration.ofSeconds(90);
    static final int CONCURRENT_ARCHIVE_WRITERS = 2;
    static final int PARTITIONS = 3;

    private final Options options;
    private final Console console;
    private final ChildJvm jvm;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<AppProcess> apps = new CopyOnWriteArrayList<>();
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final AtomicInteger signals = new AtomicInteger();
    private final Object lifecycle = new Object();
    private volatile boolean stopped;
    private volatile LocalPostgres postgres;
    private volatile LocalKafkaBroker kafka;
    private volatile CompletableFuture<Void> kafkaStart;

    Supervisor(Options options, Console console) {
        this.options = options;
        this.console = console;
        this.jvm = new ChildJvm(options);
    }

    /** Runs the stack until a signal; returns the process exit code. */
    int up() {
        PortPlan ports = options.ports();
        Path data = options.dataDir();
        try {
            for (String dir : List.of("logs", "cds", "apps", "run")) {
                Files.createDirectories(data.resolve(dir));
            }
        } catch (IOException e) {
            console.error("Cannot create the data directory " + data + ": " + e.getMessage());
            return 1;
        }
        Optional<RunState> previous = RunState.read(data);
        if (previous.flatMap(RunState::liveLauncher).isPresent()) {
            console.error("A local stack already runs on " + data + " (launcher pid " + previous.get().launcherPid()
                    + "). Stop it with Ctrl-C in its terminal or `bin/mobility-hub down`.");
            return 1;
        }
        Map<AppSpec, Path> jars = execJars();
        if (jars == null) {
            return 1;
        }
        if (!portsFree(ports, previous)) {
            return 1;
        }
        installSignalHandlers();

        console.print("mobility-hub local stack: data in " + data);
        try {
            startInfrastructureAndPrepareJars(jars, ports);
            if (stopRequestedNow()) {
                return stop(0);
            }
            // Kafka may still be starting: apps need it only once their contexts run, well after that.
            startApps(jars, ports);
            new RunState(ProcessHandle.current().pid(), appPids(), ports.ports()).write(data);
            awaitKafka();
            if (!awaitReadiness()) {
                return stop(stopRequestedNow() ? 0 : 1);
            }
            List<DemoData.Item> demo = demoData(ports);
            double startup = console.elapsedSeconds();
            console.print(Banner.render(options, ports, apps, demo, startup));
            if (options.memoryReport()) {
                console.print("Memory (from /proc):");
                console.print(ProcessMemory.format(ProcessMemory.collect(ProcessHandle.current().pid(), appPids(),
                        data.resolve("postgres"))));
            }
            superviseUntilStopRequested();
            return stop(0);
        } catch (RuntimeException e) {
            console.error("Start failed: " + e.getMessage());
            Throwable cause = e.getCause();
            if (cause != null) {
                console.error("  caused by: " + cause);
            }
            console.error("  launcher log (Kafka, PostgreSQL): " + data.resolve("logs").resolve("local-stack.log"));
            return stop(1);
        }
    }

    // --- start ---------------------------------------------------------------------------------

    /** The -exec jar of every selected app; null (after a message) if one is missing. */
    private Map<AppSpec, Path> execJars() {
        String version = Versions.appVersion();
        Map<AppSpec, Path> jars = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (AppSpec app : options.apps()) {
            Path jar = app.execJar(options.repo(), version);
            if (Files.isRegularFile(jar)) {
                jars.put(app, jar);
            } else {
                missing.add("  " + app.name() + ": " + jar);
            }
        }
        if (options.apps().isEmpty()) {
            console.error("No app to start (--only matched nothing).");
            return null;
        }
        if (!missing.isEmpty()) {
            console.error("Missing app jars:\n" + String.join("\n", missing) + "\nBuild them (`bin/mobility-hub up --rebuild`"
                    + " or `./mvnw -DskipTests install`), or start only some apps with --only APP,... or --only available.");
            return null;
        }
        return jars;
    }

    /** Every port must be free before anything starts: a half-started stack helps nobody. */
    private boolean portsFree(PortPlan ports, Optional<RunState> previous) {
        List<String> taken = new ArrayList<>();
        List<String> names = new ArrayList<>(options.apps().stream().map(AppSpec::name).toList());
        names.add(PortPlan.POSTGRES);
        names.add(PortPlan.KAFKA);
        for (String name : names) {
            int port = ports.of(name);
            if (!isFree(port)) {
                taken.add("  port " + port + " (" + name + ") is already in use");
            }
        }
        if (taken.isEmpty()) {
            return true;
        }
        String hint = previous.isPresent()
                ? "A previous run on this data directory may have left processes behind: `bin/mobility-hub down` stops them."
                : "Stop what listens there, or move the whole stack with --port-offset N (or one port with --port NAME=PORT).";
        console.error("Cannot start:\n" + String.join("\n", taken) + "\n" + hint);
        return false;
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port)); // the wildcard address: clashes with any listener on the port
        } catch (IOException e) {
            return false;
        }
        return !com.mobilityhub.infra.Ports.isListening(port);
    }

    /** PostgreSQL, the apps' jars, and (in the background, see {@link #awaitKafka}) Kafka. */
    private void startInfrastructureAndPrepareJars(Map<AppSpec, Path> jars, PortPlan ports) {
        Path data = options.dataDir();
        ExecutorService pool = Executors.newFixedThreadPool(2, daemon("prepare"));
        try {
            CompletableFuture<Void> database = CompletableFuture.runAsync(() -> {
                postgres = new LocalPostgres(data.resolve("postgres"), ports.postgres()).start();
                for (String name : AppSpec.DATABASES) {
                    postgres.createDatabase(name);
                }
                console.step("PostgreSQL ready on 127.0.0.1:%d (databases %s)", ports.postgres(), String.join(", ", AppSpec.DATABASES));
            }, Executors.newSingleThreadExecutor(daemon("postgres-start")));
            kafkaStart = CompletableFuture.runAsync(() -> {
                kafka = new LocalKafkaBroker(data.resolve("kafka"), ports.kafka(), PARTITIONS).start();
                List<String> topics = topics();
                kafka.createTopics(topics, PARTITIONS);
                console.step("Kafka ready on %s (%d topics, %d partitions each)", ports.kafkaBootstrap(), topics.size(), PARTITIONS);
            }, Executors.newSingleThreadExecutor(daemon("kafka-start")));
            Map<AppSpec, CompletableFuture<Path>> prepared = new LinkedHashMap<>();
            jars.forEach((app, jar) -> prepared.put(app, CompletableFuture.supplyAsync(() -> jvm.prepare(app, jar), pool)));
            database.join();
            prepared.forEach((app, future) -> jars.put(app, future.join()));
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    private void awaitKafka() {
        try {
            kafkaStart.join();
        } catch (java.util.concurrent.CompletionException e) {
            throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
        }
    }

    /** Domain and partner topics and the dead-letter topic of each, all with {@link #PARTITIONS} partitions. */
    static List<String> topics() {
        List<String> topics = new ArrayList<>(Topics.DOMAIN_TOPICS);
        topics.addAll(List.of(Topics.PARTNER_BOOKING_REQUESTS, Topics.PARTNER_TRIP_EVENTS, Topics.PARTNER_VEHICLE_TELEMETRY));
        List<String> withDeadLetters = new ArrayList<>(topics);
        topics.forEach(topic -> withDeadLetters.add(Topics.deadLetterOf(topic)));
        return withDeadLetters;
    }

    /** All at once: the JVMs share the cores anyway, and no app needs another one to start. */
    private void startApps(Map<AppSpec, Path> jars, PortPlan ports) {
        jars.forEach((app, jar) -> {
            Path execJar = app.execJar(options.repo(), Versions.appVersion());
            AppProcess process = AppProcess.start(app, ports.of(app), jvm.command(app, jar, execJar, ports),
                    jvm.environment(app, ports), jvm.appDir(app), jvm.log(app), jvm.writesCdsArchiveOnExit(app, jar, execJar));
            apps.add(process);
        });
        console.step("Started %s (logs in %s)", String.join(", ", apps.stream().map(AppProcess::name).toList()),
                options.dataDir().resolve("logs"));
    }

    /** Waits until every app's readiness is UP; false if one died, timed out, or a stop was asked for. */
    private boolean awaitReadiness() {
        long deadline = System.nanoTime() + options.readinessTimeout().toNanos();
        while (true) {
            boolean allReady = true;
            for (AppProcess app : apps) {
                if (app.isReady()) {
                    continue;
                }
                if (!app.isAlive()) {
                    console.error(app.name() + " exited with code " + app.exitValue() + " while starting. Last lines of "
                            + app.log() + ":\n" + indent(app.tail(40)));
                    return false;
                }
                if (app.probe(http)) {
                    console.step("%s ready on %s (%.1f s)", app.name(), options.ports().publicUrl(app.spec()),
                            app.readyAfter().toMillis() / 1000.0);
                } else {
                    allReady = false;
                }
            }
            if (allReady) {
                return true;
            }
            if (System.nanoTime() > deadline) {
                List<AppProcess> late = apps.stream().filter(a -> !a.isReady()).toList();
                for (AppProcess app : late) {
                    console.error(app.name() + " was not ready (GET http://127.0.0.1:" + app.port()
                            + "/actuator/health/readiness) after " + options.readinessTimeout().toSeconds()
                            + " s; see its log " + app.log() + ". Last lines:\n" + indent(app.tail(20)));
                }
                return false;
            }
            if (awaitStopRequest(Duration.ofMillis(500))) {
                return false;
            }
        }
    }

    private List<DemoData.Item> demoData(PortPlan ports) {
        AppSpec hub = AppSpec.named(AppSpec.HUB).orElseThrow();
        DemoData demo = new DemoData(http, ports.baseUrl(hub) + "/api/v1", options.dataDir(), ports.kafkaBootstrap());
        Optional<List<DemoData.Item>> existing = demo.existing();
        if (existing.isPresent()) {
            console.step("Demo data already loaded on an earlier start: reusing the data directory");
            return existing.get();
        }
        if (!options.demoData()) {
            return List.of();
        }
        List<String> running = apps.stream().map(AppProcess::name).toList();
        if (!running.containsAll(List.of(AppSpec.HUB, "user-service", "vehicle-service"))) {
            console.step("No demo data: it needs the hub, user-service and vehicle-service");
            return List.of();
        }
        try {
            List<DemoData.Item> loaded = demo.load();
            console.step("Demo data loaded through the hub: %d users, %d vehicles",
                    loaded.stream().filter(i -> i.kind().equals("user")).count(),
                    loaded.stream().filter(i -> i.kind().equals("vehicle")).count());
            return loaded;
        } catch (RuntimeException e) {
            console.error("Demo data NOT loaded (the stack keeps running; the next start tries again): " + e.getMessage());
            return List.of();
        }
    }

    /** After startup a crashed app is reported, not fatal: the rest of the platform stays usable. */
    private void superviseUntilStopRequested() {
        List<AppProcess> reported = new ArrayList<>();
        while (!awaitStopRequest(Duration.ofSeconds(1))) {
            for (AppProcess app : apps) {
                if (!app.isAlive() && !reported.contains(app)) {
                    reported.add(app);
                    console.error(app.name() + " exited unexpectedly (code " + app.exitValue() + "). Last lines of "
                            + app.log() + ":\n" + indent(app.tail(30)) + "\nThe rest keeps running; Ctrl-C stops everything.");
                }
            }
        }
    }

    // --- stop ----------------------------------------------------------------------------------

    private void installSignalHandlers() {
        for (String name : List.of("INT", "TERM", "HUP")) {
            try {
                Signal.handle(new Signal(name), signal -> onSignal());
            } catch (IllegalArgumentException e) {
                // signal not available here (or reserved by the JVM): the shutdown hook still stops everything
            }
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> stop(0), "local-stack-stop"));
    }

    private void onSignal() {
        int count = signals.incrementAndGet();
        if (count == 1) {
            console.print("");
            console.step("Stopping (Ctrl-C twice more kills the apps without waiting)...");
            stopRequested.countDown();
        } else if (count >= 3) {
            console.step("Killing the apps now");
            apps.forEach(app -> {
                if (app.isAlive()) {
                    app.kill();
                }
            });
        }
    }

    private boolean stopRequestedNow() {
        return stopRequested.getCount() == 0;
    }

    private boolean awaitStopRequest(Duration timeout) {
        try {
            return stopRequested.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return true;
        }
    }

    /**
     * Stops everything that was started, once: the hub, then the services, then the coordinator
     * (SIGTERM, {@link #STOP_GRACE}, then SIGKILL), then Kafka, then PostgreSQL.
     */
    int stop(int exitCode) {
        synchronized (lifecycle) {
            if (stopped) {
                return exitCode;
            }
            stopped = true;
            long begin = System.nanoTime();
            long archivingApps = apps.stream().filter(a -> a.isAlive() && a.writesCdsArchiveOnExit()).count();
            if (archivingApps > 0) {
                console.step("%d apps write their class-data-sharing archive as they exit (first stop after a build;"
                        + " the next start is about twice as fast): this takes longer", archivingApps);
            }
            stopGroup(apps.stream().filter(a -> a.spec().isHub()).toList());
            stopGroup(apps.stream().filter(a -> a.spec().isService()).toList());
            stopGroup(apps.stream().filter(a -> !a.spec().isHub() && !a.spec().isService()).toList());
            if (kafkaStart != null) {
                kafkaStart.exceptionally(e -> null).join(); // a broker still starting must not outlive the stop
            }
            if (kafka != null) {
                try {
                    kafka.stop();
                    console.step("Kafka stopped");
                } catch (RuntimeException e) {
                    console.error("Kafka did not stop cleanly: " + e);
                }
            }
            if (postgres != null) {
                try {
                    Optional<ProcessHandle> postmaster = ProcessMemory.postgresPids(options.dataDir().resolve("postgres")).stream()
                            .findFirst().flatMap(ProcessHandle::of);
                    postgres.stop();
                    // pg_ctl gives up waiting after 5 s; a busy server may still be writing its shutdown checkpoint.
                    if (postmaster.isPresent() && !awaitExit(postmaster.get(), Duration.ofSeconds(60))) {
                        console.error("PostgreSQL (pid " + postmaster.get().pid() + ") is still shutting down");
                    }
                    console.step("PostgreSQL stopped");
                } catch (RuntimeException e) {
                    console.error("PostgreSQL did not stop cleanly: " + e);
                }
            }
            RunState.delete(options.dataDir());
            console.step("Stopped everything in %.1f s", (System.nanoTime() - begin) / 1e9);
            return exitCode;
        }
    }

    /**
     * Stops a group: SIGTERM, up to {@link #STOP_GRACE} to exit, then SIGKILL. Apps that write their
     * CDS archive on exit get {@link #CDS_ARCHIVE_GRACE} more, and at most
     * {@link #CONCURRENT_ARCHIVE_WRITERS} of them exit at once: each dump is CPU-bound and takes
     * ~100 MB more while it runs, so seven at once only raise the memory peak, not the speed.
     */
    private void stopGroup(List<AppProcess> group) {
        List<AppProcess> alive = group.stream().filter(AppProcess::isAlive).toList();
        if (alive.isEmpty()) {
            return;
        }
        java.util.ArrayDeque<AppProcess> waiting = new java.util.ArrayDeque<>();
        Map<AppProcess, Long> deadlines = new LinkedHashMap<>();
        for (AppProcess app : alive) {
            if (app.writesCdsArchiveOnExit()) {
                waiting.add(app);
            } else {
                app.terminate();
                deadlines.put(app, System.nanoTime() + STOP_GRACE.toNanos());
            }
        }
        while (!deadlines.isEmpty() || !waiting.isEmpty()) {
            long writing = deadlines.keySet().stream().filter(AppProcess::writesCdsArchiveOnExit).count();
            while (writing < CONCURRENT_ARCHIVE_WRITERS && !waiting.isEmpty()) {
                AppProcess app = waiting.poll();
                app.terminate();
                deadlines.put(app, System.nanoTime() + STOP_GRACE.plus(CDS_ARCHIVE_GRACE).toNanos());
                writing++;
            }
            for (var entry : List.copyOf(deadlines.entrySet())) {
                AppProcess app = entry.getKey();
                if (!app.isAlive()) {
                    deadlines.remove(app);
                } else if (System.nanoTime() > entry.getValue()) {
                    console.error(app.name() + " did not exit within "
                            + (app.writesCdsArchiveOnExit() ? STOP_GRACE.plus(CDS_ARCHIVE_GRACE) : STOP_GRACE).toSeconds()
                            + " s of SIGTERM: killing it");
                    app.kill();
                    deadlines.remove(app);
                }
            }
            if (!deadlines.isEmpty() || !waiting.isEmpty()) {
                sleepQuietly(Duration.ofMillis(200));
            }
        }
        console.step("Stopped %s", String.join(", ", alive.stream().map(AppProcess::name).toList()));
    }

    private static void sleepQuietly(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // --- helpers -------------------------------------------------------------------------------

    private static boolean awaitExit(ProcessHandle process, Duration timeout) {
        try {
            process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            return !process.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private Map<String, Long> appPids() {
        Map<String, Long> pids = new LinkedHashMap<>();
        apps.forEach(app -> pids.put(app.name(), app.pid()));
        return pids;
    }

    private static String indent(String text) {
        return Stream.of(text.split("\\R")).map(line -> "    | " + line).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
