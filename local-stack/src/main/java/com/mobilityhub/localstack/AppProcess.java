package com.mobilityhub.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** One app running as a child JVM: its process, its log file and its readiness. */
final class AppProcess {

    private static final String READINESS = "/actuator/health/readiness";
    private static final String HEALTH = "/actuator/health";

    private final AppSpec spec;
    private final int port;
    private final Path log;
    private final Process process;
    private final long startedNanos;
    private final boolean writesCdsArchiveOnExit;
    private volatile String healthPath = READINESS;
    private volatile Duration readyAfter;

    private AppProcess(AppSpec spec, int port, Path log, Process process, boolean writesCdsArchiveOnExit) {
        this.spec = spec;
        this.writesCdsArchiveOnExit = writesCdsArchiveOnExit;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedNanos = System.nanoTime();
    }

    /** Starts the child; its stdout and stderr go to {@code log} (the previous run's log becomes {@code .1}). */
    static AppProcess start(AppSpec spec, int port, List<String> command, Map<String, String> environment, Path workDir,
                            Path log, boolean writesCdsArchiveOnExit) {
        try {
            Files.createDirectories(workDir);
            Files.createDirectories(log.getParent());
            if (Files.exists(log)) {
                Files.move(log, log.resolveSibling(log.getFileName() + ".1"), StandardCopyOption.REPLACE_EXISTING);
            }
            ProcessBuilder builder = new ProcessBuilder(command)
                    .directory(workDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
            builder.environment().putAll(environment);
            return new AppProcess(spec, port, log, builder.start(), writesCdsArchiveOnExit);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + spec.name(), e);
        }
    }

    AppSpec spec() {
        return spec;
    }

    String name() {
        return spec.name();
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Its JVM writes its class-data-sharing archive when it exits (first run after a build): slower to stop. */
    boolean writesCdsArchiveOnExit() {
        return writesCdsArchiveOnExit;
    }

    boolean isReady() {
        return readyAfter != null;
    }

    Duration readyAfter() {
        return readyAfter;
    }

    /** One readiness probe; marks the app ready when its readiness group answers UP. */
    boolean probe(HttpClient http) {
        if (readyAfter != null) {
            return true;
        }
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + healthPath))
                    .timeout(Duration.ofSeconds(3)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404 && READINESS.equals(healthPath)) {
                healthPath = HEALTH; // an app without probes enabled: its overall health decides
                return false;
            }
            if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                readyAfter = Duration.ofNanos(System.nanoTime() - startedNanos);
                return true;
            }
            return false;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** SIGTERM: Spring Boot shuts down gracefully. */
    void terminate() {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
    }

    boolean awaitExit(Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** SIGKILL, for a child that ignored SIGTERM. */
    void kill() {
        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        awaitExit(Duration.ofSeconds(5));
    }

    /** The last {@code lines} lines of the app's log. */
    String tail(int lines) {
        return tail(log, lines);
    }

    static String tail(Path file, int lines) {
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "r")) {
            long length = raf.length();
            int window = (int) Math.min(length, 64 * 1024);
            byte[] bytes = new byte[window];
            raf.seek(length - window);
            raf.readFully(bytes);
            List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            return String.join(System.lineSeparator(), all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log at " + file + ")";
        }
    }
}
