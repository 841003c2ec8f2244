package com.mobilityhub.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * The real launcher (its -exec jar, as bin/mobility-hub runs it) as a child JVM, on a fresh data
 * directory and with every port offset, so it runs beside a developer's own stack. Through the hub it
 * registers a user and a vehicle, then checks Kafka, Prometheus and Hawtio; a SIGTERM (what Ctrl-C
 * becomes) must leave no process behind; a second start on the same directory must find the data.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LocalStackIT {

    private static final Duration START_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration STOP_TIMEOUT = Duration.ofMinutes(8); // a first stop writes CDS archives
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path repo = Path.of(System.getProperty("localStack.repo", "..")).toAbsolutePath().normalize();
    private final Path jar = Path.of(System.getProperty("localStack.jar",
            "target/local-stack-" + Versions.appVersion() + "-exec.jar")).toAbsolutePath();
    private final Path work = repo.resolve("local-stack/target/local-stack-it");
    private final Path data = work.resolve("data");
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private int offset;
    private Launcher launcher;
    private String userId;
    private String email;
    private String vehicleId;
    private String demoMarker;

    @BeforeAll
    void startTheStackOnAFreshDataDirectory() throws IOException {
        assertThat(jar).as("the launcher jar (built by `package`)").isRegularFile();
        ChildJvm.deleteRecursively(work);
        Files.createDirectories(work);
        offset = freePortOffset();
        launcher = Launcher.start(jar, repo, data, offset, work.resolve("first-run.out"));
        launcher.awaitUp();
    }

    @AfterAll
    void leaveNothingRunning() {
        if (launcher != null) {
            launcher.stopOrKill();
        }
    }

    @Test
    @Order(1)
    void servesUsersAndVehiclesThroughTheHubWithEventsMetricsAndHawtio() throws Exception {
        assertThat(launcher.output()).contains("Demo data loaded through the hub: 3 users, 4 vehicles");
        assertThat(DemoData.marker(data)).isRegularFile();
        demoMarker = Files.readString(DemoData.marker(data));

        JsonNode user = register("/api/v1/users",
                () -> Map.of("name", "Integration Tester", "email", "it-" + UUID.randomUUID() + "@example.com", "initialCredits", "42.50"));
        userId = user.path("id").asText();
        email = user.path("email").asText();
        JsonNode readUser = read("/api/v1/users/" + userId);
        assertThat(readUser.path("email").asText()).isEqualTo(email);
        assertThat(readUser.path("credits").path("balance").decimalValue()).isEqualByComparingTo("42.50");

        JsonNode vehicle = register("/api/v1/vehicles",
                () -> Map.of("vin", randomVin(), "model", "IT Shuttle", "location", Map.of("lat", 52.52, "lng", 13.405)));
        vehicleId = vehicle.path("id").asText();
        JsonNode readVehicle = read("/api/v1/vehicles/" + vehicleId);
        assertThat(readVehicle.path("vin").asText()).isEqualTo(vehicle.path("vin").asText());
        assertThat(readVehicle.path("status").asText()).isEqualTo("AVAILABLE");

        assertThat(awaitEvent(Topics.USERS, userId, EventTypes.USER_REGISTERED))
                .as("a UserRegistered event for " + userId + " on " + Topics.USERS).isTrue();

        HttpResponse<String> prometheus = get("/actuator/prometheus");
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body().lines())
                .as("Camel route metrics on the hub's Prometheus endpoint")
                .anyMatch(line -> line.startsWith("camel_") && line.contains("routeId=\""));

        // Hawtio: an admin token reads it; browsers log in with the generated console users (README, Security).
        assertThat(get("/actuator/hawtio/").statusCode()).isEqualTo(200);
        assertThat(Files.readString(LocalConsoleUsers.file(data))).contains("viewer ", "admin ");

        // The hub trusts the launcher's key (bin/mobility-hub token) and nothing without it.
        assertThat(getAs(null, "/api/v1/users/" + userId).statusCode()).isEqualTo(401);
        LocalTokens tokens = LocalTokens.of(data);
        assertThat(getAs(tokens.mint("rider", userId, Duration.ofMinutes(5)), "/api/v1/users/" + userId).statusCode())
                .isEqualTo(200);
        assertThat(getAs(tokens.mint("rider", UUID.randomUUID().toString(), Duration.ofMinutes(5)), "/api/v1/users/" + userId)
                .statusCode()).as("another rider's account").isEqualTo(404);
    }

    private HttpResponse<String> getAs(String token, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(hub() + path)).timeout(Duration.ofSeconds(30)).GET();
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Order(2)
    void stopsEveryProcessItStartedOnSigterm() {
        List<ProcessHandle> started = new ArrayList<>(launcher.process.toHandle().descendants().toList());
        ProcessMemory.postgresPids(data.resolve("postgres")).forEach(pid -> ProcessHandle.of(pid).ifPresent(started::add));
        assertThat(started).as("apps and PostgreSQL of the stack").hasSizeGreaterThanOrEqualTo(AppSpec.ALL.size() + 1);

        int exitCode = launcher.stop();

        assertThat(exitCode).as("launcher exit code after SIGTERM").isZero();
        assertThat(started).as("processes still alive after the launcher stopped")
                .noneMatch(ProcessHandle::isAlive);
        assertThat(RunState.file(data)).doesNotExist();
        assertThat(launcher.output()).contains("Stopped everything");
        launcher = null;
    }

    @Test
    @Order(3)
    void reusesTheDataDirectoryOnTheNextStartWithoutReloadingDemoData() throws Exception {
        assertThat(userId).as("the first test registered a user").isNotNull();
        launcher = Launcher.start(jar, repo, data, offset, work.resolve("second-run.out"));
        launcher.awaitUp();

        assertThat(launcher.output()).contains("Demo data already loaded").doesNotContain("Demo data loaded through the hub");
        assertThat(Files.readString(DemoData.marker(data))).isEqualTo(demoMarker);
        assertThat(read("/api/v1/users/" + userId).path("email").asText()).isEqualTo(email);
        assertThat(read("/api/v1/vehicles/" + vehicleId).path("id").asText()).isEqualTo(vehicleId);

        assertThat(launcher.stop()).isZero();
        launcher = null;
    }

    // --- helpers -------------------------------------------------------------------------------

    private String hub() {
        return "http://127.0.0.1:" + (8080 + offset);
    }

    /**
     * POST, expecting 201. The hub answers 503 when a service is slower than its timeout (cold JVMs
     * on busy cores); the write may then still have happened, so a retry uses a fresh identity.
     */
    private JsonNode register(String path, Supplier<Map<String, Object>> body) throws Exception {
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= 3; attempt++) {
            response = http.send(HttpRequest.newBuilder(URI.create(hub() + path))
                    .timeout(Duration.ofSeconds(30))
                    .header("Accept", "application/json")
                    .header("Authorization", "Bearer " + LocalTokens.of(data).admin())
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body.get()))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() < 500) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(response.statusCode()).as("POST " + path + " answered " + response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    /** GET, expecting 200; a 5xx (service slower than the hub's timeout) is retried. */
    private JsonNode read(String path) throws Exception {
        HttpResponse<String> response = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
            response = get(path);
            if (response.statusCode() < 500) {
                break;
            }
            Thread.sleep(2000);
        }
        assertThat(response.statusCode()).as("GET " + path + " answered " + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(hub() + path)).timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + LocalTokens.of(data).admin()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private boolean awaitEvent(String topic, String aggregateId, String eventType) throws IOException {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + (19092 + offset),
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    JsonNode envelope = JSON.readTree(record.value());
                    if (aggregateId.equals(envelope.path("aggregateId").asText())
                            && eventType.equals(envelope.path("eventType").asText())) {
                        return true;
                    }
                }
            }
            return false;
        }
    }

    /** 17 characters from the VIN alphabet (no I, O, Q). */
    private static String randomVin() {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        return IntStream.range(0, 17).mapToObj(i -> String.valueOf(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length()))))
                .reduce("", String::concat);
    }

    /**
     * An offset that puts every port of the stack on a free port below the ephemeral range, away
     * from the defaults a developer's own stack uses.
     */
    private static int freePortOffset() {
        List<Integer> offsets = new ArrayList<>(IntStream.rangeClosed(10, 70).map(i -> i * 100).boxed().toList());
        java.util.Collections.shuffle(offsets);
        for (int candidate : offsets) {
            List<Integer> ports = new ArrayList<>(AppSpec.ALL.stream().map(app -> app.defaultPort() + candidate).toList());
            ports.add(PortPlan.DEFAULT_POSTGRES + candidate);
            ports.add(PortPlan.DEFAULT_KAFKA + candidate);
            if (ports.stream().allMatch(LocalStackIT::isFree)) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free port offset");
    }

    private static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The launcher as bin/mobility-hub runs it, in its own child JVM. */
    static final class Launcher {

        final Process process;
        final Path output;
        final Path data;

        private Launcher(Process process, Path output, Path data) {
            this.process = process;
            this.output = output;
            this.data = data;
        }

        static Launcher start(Path jar, Path repo, Path data, int offset, Path output) throws IOException {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xms64m", "-Xmx320m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                    "--enable-native-access=ALL-UNNAMED"));
            if (Runtime.version().feature() >= 24) {
                command.add("--sun-misc-unsafe-memory-access=allow");
            }
            command.addAll(List.of("-jar", jar.toString(), "up",
                    "--repo", repo.toString(),
                    "--data-dir", data.toString(),
                    "--port-offset", Integer.toString(offset),
                    "--timeout", Long.toString(START_TIMEOUT.toSeconds())));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            return new Launcher(process, output, data);
        }

        String output() {
            try {
                return Files.readString(output);
            } catch (IOException e) {
                return "";
            }
        }

        void awaitUp() {
            long deadline = System.nanoTime() + START_TIMEOUT.plusMinutes(2).toNanos();
            while (System.nanoTime() < deadline) {
                if (output().contains("mobility-hub is up")) {
                    return;
                }
                if (!process.isAlive()) {
                    fail("The launcher exited with code " + process.exitValue() + " before the stack was up:\n" + output());
                }
                sleep(Duration.ofSeconds(1));
            }
            fail("The stack was not up after " + START_TIMEOUT.plusMinutes(2) + ":\n" + output());
        }

        /** SIGTERM, as bin/mobility-hub forwards Ctrl-C; the launcher's exit code. */
        int stop() {
            process.destroy();
            try {
                if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    stopOrKill();
                    fail("The launcher did not stop within " + STOP_TIMEOUT + ":\n" + output());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                fail("interrupted");
            }
            return process.exitValue();
        }

        /** Whatever happened: nothing of this stack may outlive the test. */
        void stopOrKill() {
            List<ProcessHandle> all = Stream.concat(process.toHandle().descendants(),
                    ProcessMemory.postgresPids(data.resolve("postgres")).stream().flatMap(pid -> ProcessHandle.of(pid).stream())).toList();
            if (process.isAlive()) {
                process.destroy();
                try {
                    process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            process.destroyForcibly();
            all.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
