package com.mobilityhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityhub.coordinator.CoordinatorProcess;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The JVM's one real LRA coordinator (a child process), shared by every test class and app in it. */
public final class TestCoordinator {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static CoordinatorProcess running;

    private TestCoordinator() {
    }

    public static synchronized CoordinatorProcess get() {
        if (running == null) {
            try {
                running = CoordinatorProcess.start(CoordinatorProcess.freePort(),
                        Files.createTempDirectory("hub-it-lra-store"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return running;
    }

    /** Ids of the LRAs the coordinator still knows (active, closing, cancelling, recovering). */
    public static List<String> lraIds() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(get().url()))
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("LRA list answered " + response.statusCode() + ": " + response.body());
            }
            List<String> ids = new ArrayList<>();
            for (JsonNode lra : JSON.readTree(response.body())) {
                ids.add(lra.path("lraId").asText());
            }
            return ids;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** What the coordinator says about one LRA (its status) and every LRA it lists, for failure messages. */
    public static String describe(String lraId) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        StringBuilder out = new StringBuilder();
        for (String uri : List.of(lraId + "/status", get().url())) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(uri))
                        .header("Accept", "application/json").timeout(Duration.ofSeconds(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                out.append(uri).append(" -> ").append(response.statusCode()).append(' ').append(response.body()).append('\n');
            } catch (IOException e) {
                out.append(uri).append(" -> ").append(e).append('\n');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return out.toString();
            }
        }
        return out.toString();
    }

    static Path logFile() {
        return get().logFile();
    }
}
