package com.mobilityhub.localstack;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The local launcher, a plain-Java supervisor (no Spring: it must stay light). {@code up} runs
 * PostgreSQL and Kafka in this JVM and every app as a child JVM (see {@link Supervisor});
 * {@code status} prints what runs and its memory; {@code down} stops a stack started elsewhere or
 * left behind by a killed launcher. bin/mobility-hub is the usual way in.
 */
public final class LocalStack {

    public static void main(String[] args) {
        Console console = new Console(System.out, System.err);
        if (args.length > 0 && args[0].equals("token")) {
            System.exit(token(args, console));
            return;
        }
        Options options;
        try {
            options = Options.parse(args, System.getenv(), defaultRepo());
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            console.error(Options.USAGE);
            System.exit(2);
            return;
        }
        int exitCode = switch (options.command()) {
            case "help" -> {
                console.print(Options.USAGE);
                yield 0;
            }
            case "status" -> status(options, console);
            case "down" -> down(options, console);
            default -> {
                configureLogging(options.dataDir());
                yield new Supervisor(options, console).up();
            }
        };
        System.exit(exitCode);
    }

    /** {@code token --role ...}: a JWT for the local hub (see {@link LocalTokens}). */
    private static int token(String[] args, Console console) {
        String fromEnv = System.getenv("MOBILITY_DATA_DIR");
        Path dataDir = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : defaultRepo().resolve(".local-stack");
        try {
            return LocalTokens.command(java.util.List.of(args).subList(1, args.length), dataDir, console);
        } catch (IllegalArgumentException e) {
            console.error(e.getMessage());
            return 2;
        }
    }

    /** The repository root: the launcher runs from {@code <repo>/local-stack/target/}. */
    static Path defaultRepo() {
        String classPath = System.getProperty("java.class.path", "");
        String first = classPath.split(java.io.File.pathSeparator)[0];
        Path location = Path.of(first).toAbsolutePath().normalize();
        Path moduleDir = location.getParent() == null ? null : location.getParent().getParent();
        if (moduleDir != null && moduleDir.getFileName() != null && moduleDir.getFileName().toString().equals("local-stack")
                && moduleDir.getParent() != null) {
            return moduleDir.getParent();
        }
        return Path.of("").toAbsolutePath();
    }

    /**
     * Kafka's and PostgreSQL's own logs go to {@code <data>/logs/local-stack.log}; the console shows
     * only the launcher's progress. Must run before the first logger is created.
     */
    static void configureLogging(Path dataDir) {
        Path logs = dataDir.resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            return; // slf4j-simple falls back to stderr
        }
        Map<String, String> defaults = Map.of(
                "org.slf4j.simpleLogger.logFile", logs.resolve("local-stack.log").toString(),
                "org.slf4j.simpleLogger.defaultLogLevel", "info",
                "org.slf4j.simpleLogger.log.kafka", "warn",
                "org.slf4j.simpleLogger.log.org.apache.kafka", "warn",
                "org.slf4j.simpleLogger.log.state.change.logger", "warn",
                "org.slf4j.simpleLogger.showDateTime", "true",
                "org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSS");
        defaults.forEach((key, value) -> {
            if (System.getProperty(key) == null) {
                System.setProperty(key, value);
            }
        });
        // Initialise SLF4J here, once: PostgreSQL and Kafka start on two threads, and a logger first created
        // by both at the same time makes SLF4J replay (and warn about) the calls it held back meanwhile.
        org.slf4j.LoggerFactory.getILoggerFactory();
    }

    /** Prints every process of a running stack with its readiness and memory; 3 when nothing runs. */
    static int status(Options options, Console console) {
        Optional<RunState> state = RunState.read(options.dataDir());
        if (state.isEmpty() || state.get().liveLauncher().isEmpty()) {
            console.print("No local stack runs on " + options.dataDir()
                    + (state.isPresent() ? " (a killed launcher left a state file: `bin/mobility-hub down` cleans up)" : ""));
            return 3;
        }
        RunState run = state.get();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        console.print("Local stack on " + options.dataDir() + " (launcher pid " + run.launcherPid() + ")");
        console.print(String.format("  %-21s %-8s %-7s %s", "app", "pid", "port", "readiness"));
        run.appPids().forEach((name, pid) -> {
            Integer port = run.ports().get(name);
            boolean alive = ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
            String readiness = !alive ? "EXITED" : port == null ? "?" : readiness(http, port);
            console.print(String.format("  %-21s %-8d %-7s %s", name, pid, port, readiness));
        });
        Integer kafka = run.ports().get(PortPlan.KAFKA);
        Integer postgres = run.ports().get(PortPlan.POSTGRES);
        console.print("  Kafka 127.0.0.1:" + kafka + ", PostgreSQL 127.0.0.1:" + postgres + " (in the launcher / its postgres processes)");
        console.print("");
        List<ProcessMemory.Entry> memory = ProcessMemory.collect(run.launcherPid(), run.appPids(),
                options.dataDir().resolve("postgres"));
        console.print("Memory (from /proc):");
        console.print(ProcessMemory.format(memory));
        return 0;
    }

    private static String readiness(HttpClient http, int port) {
        try {
            var response = http.send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                    .timeout(Duration.ofSeconds(2)).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"") ? "UP" : "HTTP " + response.statusCode();
        } catch (IOException e) {
            return "not answering";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "?";
        }
    }

    /**
     * Stops the stack of this data directory from outside: SIGTERM to its launcher (which stops
     * everything in order), or, if the launcher was killed, to the apps and PostgreSQL it left.
     */
    static int down(Options options, Console console) {
        Optional<RunState> state = RunState.read(options.dataDir());
        Optional<ProcessHandle> launcher = state.flatMap(RunState::liveLauncher);
        if (launcher.isPresent()) {
            console.print("Stopping the launcher (pid " + launcher.get().pid() + ")...");
            launcher.get().destroy();
            // A first stop after a build includes the apps writing their CDS archives: minutes on busy cores.
            if (await(launcher.get(), Duration.ofMinutes(6))) {
                console.print("Stopped.");
                return 0;
            }
            console.error("The launcher did not stop within 6 minutes; killing what is left.");
            launcher.get().destroyForcibly();
        }
        List<ProcessHandle> leftovers = new ArrayList<>();
        state.ifPresent(run -> run.appPids().forEach((name, pid) -> ProcessHandle.of(pid)
                .filter(ProcessHandle::isAlive)
                .filter(h -> h.info().commandLine().map(c -> c.contains("-jar") && (c.contains(options.dataDir().toString())
                        || c.contains(name) || c.contains("routes"))).orElse(false))
                .ifPresent(leftovers::add)));
        leftovers.forEach(ProcessHandle::destroy);
        for (ProcessHandle handle : leftovers) {
            if (!await(handle, Supervisor.STOP_GRACE)) {
                handle.destroyForcibly();
            }
        }
        List<Long> postgres = ProcessMemory.postgresPids(options.dataDir().resolve("postgres"));
        if (!postgres.isEmpty()) {
            ProcessHandle.of(postgres.getFirst()).ifPresent(postmaster -> {
                postmaster.destroy(); // SIGTERM: a smart shutdown, its clients are gone
                if (!await(postmaster, Duration.ofSeconds(30))) {
                    postmaster.destroyForcibly();
                }
            });
        }
        RunState.delete(options.dataDir());
        console.print(leftovers.isEmpty() && postgres.isEmpty() && launcher.isEmpty()
                ? "Nothing was running on " + options.dataDir()
                : "Stopped " + leftovers.size() + " app(s)" + (postgres.isEmpty() ? "" : " and PostgreSQL") + " left behind.");
        return 0;
    }

    private static boolean await(ProcessHandle handle, Duration timeout) {
        try {
            handle.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (java.util.concurrent.TimeoutException e) {
            return false;
        } catch (java.util.concurrent.ExecutionException e) {
            return !handle.isAlive();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !handle.isAlive();
        }
    }

    private LocalStack() {
    }
}
