package com.mobilityhub.coordinator;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The real LRA coordinator as a child JVM, started from {@code lra-coordinator-<version>-exec.jar}, for integration
 * tests of any module. Uses only the JDK, so a test-jar dependency on this module is all a caller needs.
 *
 * <pre>{@code
 * CoordinatorProcess coordinator = CoordinatorProcess.start(CoordinatorProcess.freePort(), tempDir.resolve("lra-store"));
 * String coordinatorUrl = coordinator.baseUrl();   // camel.lra.coordinator-url
 * ...
 * coordinator.kill();      // SIGKILL, the object store keeps every unfinished LRA
 * coordinator.restart();   // same port and store: the LRA URLs are valid again
 * coordinator.stop();
 * }</pre>
 *
 * <p>The jar is looked up in this order: system property {@value #JAR_PROPERTY}; {@code lra-coordinator/target/} in
 * the working directory or one of its parents (a reactor build); the local Maven repository (after {@code install}).
 * The child's output is appended to {@link #logFile()} ({@code target/lra-coordinator-<port>.log} of the calling module).
 */
public final class CoordinatorProcess implements AutoCloseable {

    /** Explicit path of the exec jar; overrides the lookup. */
    public static final String JAR_PROPERTY = "mobility.coordinator.jar";

    /**
     * Object store of every coordinator started here ({@code file} or {@code journal}), unless a test passes its own:
     * {@code -Dmobility.coordinator.object-store=journal} runs a whole IT class against the journal.
     */
    public static final String OBJECT_STORE_PROPERTY = "mobility.coordinator.object-store";

    /** Recovery scans this often by default, so tests see retried callbacks quickly. */
    public static final Duration DEFAULT_RECOVERY_PERIOD = Duration.ofSeconds(2);

    private static final String HOST = "127.0.0.1";
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> JVM_OPTIONS =
            List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto");

    private final int port;
    private final Path objectStoreDir;
    private final Map<String, String> properties;
    private final Path jar;
    private final Path logFile;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final Thread killOnExit = new Thread(this::killQuietly, "lra-coordinator-kill-on-exit");
    private volatile Process process;

    private CoordinatorProcess(int port, Path objectStoreDir, Map<String, String> properties) {
        this.port = port;
        this.objectStoreDir = objectStoreDir.toAbsolutePath();
        this.properties = properties;
        this.jar = locateJar();
        this.logFile = logFileFor(port);
        Runtime.getRuntime().addShutdownHook(killOnExit);
    }

    /** Starts a coordinator on 127.0.0.1:{@code port} with its object store in {@code objectStoreDir}; waits until ready. */
    public static CoordinatorProcess start(int port, Path objectStoreDir) {
        return start(port, objectStoreDir, Map.of());
    }

    /**
     * Same, with extra Spring properties for the coordinator (e.g. {@code mobility.coordinator.recovery-period-seconds}),
     * passed as {@code --key=value} arguments and overriding the defaults set here.
     */
    public static CoordinatorProcess start(int port, Path objectStoreDir, Map<String, String> properties) {
        CoordinatorProcess coordinator = new CoordinatorProcess(port, objectStoreDir, Map.copyOf(properties));
        coordinator.launch();
        return coordinator;
    }

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The coordinator API, e.g. {@code http://127.0.0.1:8090/lra-coordinator}: LRA ids start with it. */
    public String url() {
        return baseUrl() + "/lra-coordinator";
    }

    /** Scheme, host and port only: what {@code camel.lra.coordinator-url} expects. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path objectStoreDir() {
        return objectStoreDir;
    }

    public Path logFile() {
        return logFile;
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    /** Graceful stop (SIGTERM), falling back to SIGKILL after 30 s. */
    public void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        current.destroy();
        if (!waitFor(current, STOP_TIMEOUT)) {
            kill();
        }
    }

    /** SIGKILL: no shutdown hooks, no flush; what a crashed node or an OOM kill looks like. Returns once it is gone. */
    public void kill() {
        Process current = process;
        if (current == null) {
            return;
        }
        current.destroyForcibly();
        if (!waitFor(current, STOP_TIMEOUT)) {
            throw new IllegalStateException("Coordinator pid " + current.pid() + " survived SIGKILL");
        }
    }

    /** Stops the coordinator if it runs, then starts it again on the same port and object store; waits until ready. */
    public void restart() {
        stop();
        launch();
    }

    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(killOnExit);
        } catch (IllegalStateException alreadyShuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }

    private void launch() {
        List<String> command = new ArrayList<>();
        command.add(javaBinary());
        command.addAll(JVM_OPTIONS);
        command.add("-jar");
        command.add(jar.toString());
        Map<String, String> arguments = new LinkedHashMap<>();
        arguments.put("server.port", Integer.toString(port));
        arguments.put("server.address", HOST);
        arguments.put("mobility.coordinator.object-store-dir", objectStoreDir.toString());
        arguments.put("mobility.coordinator.recovery-period-seconds", Long.toString(DEFAULT_RECOVERY_PERIOD.toSeconds()));
        arguments.put("mobility.coordinator.recovery-backoff-seconds", "1");
        String objectStore = System.getProperty(OBJECT_STORE_PROPERTY);
        if (objectStore != null && !objectStore.isBlank()) {
            arguments.put(OBJECT_STORE_PROPERTY, objectStore);
        }
        arguments.putAll(properties);
        arguments.forEach((key, value) -> command.add("--" + key + "=" + value));
        try {
            Files.createDirectories(objectStoreDir);
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "%n=== %s starting coordinator: %s%n".formatted(Instant.now(), command),
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the LRA coordinator: " + command, e);
        }
        awaitReady();
    }

    /** Ready means: HTTP up and the LRAs of a previous run reloaded from the store (see the readiness group). */
    private void awaitReady() {
        HttpRequest readiness = HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2))
                .build();
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The LRA coordinator exited with " + process.exitValue()
                        + " during startup; its log:\n" + logTail());
            }
            try {
                if (http.send(readiness, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notListeningYet) {
                // keep polling
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                killQuietly();
                throw new IllegalStateException("Interrupted while waiting for the LRA coordinator", e);
            }
            sleep(Duration.ofMillis(200));
        }
        killQuietly();
        throw new IllegalStateException("The LRA coordinator on port " + port + " was not ready after "
                + STARTUP_TIMEOUT.toSeconds() + " s; its log:\n" + logTail());
    }

    private String logTail() {
        try (Stream<String> lines = Files.lines(logFile)) {
            List<String> all = lines.toList();
            return String.join("\n", all.subList(Math.max(0, all.size() - 60), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private void killQuietly() {
        Process current = process;
        if (current != null && current.isAlive()) {
            current.destroyForcibly();
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String javaBinary() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static Path logFileFor(int port) {
        Path target = Path.of(System.getProperty("user.dir"), "target");
        Path dir = Files.isDirectory(target) ? target : Path.of(System.getProperty("java.io.tmpdir"));
        return dir.resolve("lra-coordinator-" + port + ".log");
    }

    private static Path locateJar() {
        String explicit = System.getProperty(JAR_PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path jar = Path.of(explicit);
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(JAR_PROPERTY + " points at " + jar + ", which is not a file");
            }
            return jar;
        }
        String fileName = "lra-coordinator-" + moduleVersion() + "-exec.jar";
        List<Path> candidates = new ArrayList<>();
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (dir.getFileName() != null && dir.getFileName().toString().equals("lra-coordinator")) {
                candidates.add(dir.resolve("target").resolve(fileName));
            }
            candidates.add(dir.resolve("lra-coordinator").resolve("target").resolve(fileName));
        }
        candidates.add(localRepository().resolve("com/mobilityhub/lra-coordinator")
                .resolve(moduleVersion()).resolve(fileName));
        Optional<Path> found = candidates.stream().distinct().filter(Files::isRegularFile).findFirst();
        return found.orElseThrow(() -> new IllegalStateException("No " + fileName + " found; build lra-coordinator "
                + "(package in the reactor, or install) or set -D" + JAR_PROPERTY + ". Looked at " + candidates));
    }

    private static Path localRepository() {
        String configured = System.getProperty("maven.repo.local");
        return configured != null && !configured.isBlank()
                ? Path.of(configured)
                : Path.of(System.getProperty("user.home"), ".m2", "repository");
    }

    private static String moduleVersion() {
        try (InputStream in = CoordinatorProcess.class.getResourceAsStream("coordinator-process.properties")) {
            if (in == null) {
                throw new IllegalStateException("coordinator-process.properties is missing beside CoordinatorProcess");
            }
            Properties properties = new Properties();
            properties.load(in);
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
