package com.mobilityhub.users;

import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.kit.security.SagaCallbackToken;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/** The real coordinator's REST API as an initiator (the hub) and the coordinator itself use it. */
public final class Lras {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** Starts an LRA with a 30 s time limit; returns its id (a URL). */
    public static String start() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                        SagaCoordinator.get().url() + "/start?ClientID=test&TimeLimit=30000"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 201) {
            throw new IllegalStateException("start: " + response.statusCode() + " " + response.body());
        }
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Closes the LRA: the coordinator calls every participant's completion before answering. */
    public static int close(String lra) {
        return end(lra, "/close");
    }

    /** Cancels the LRA: the coordinator calls every participant's compensation before answering. */
    public static int cancel(String lra) {
        return end(lra, "/cancel");
    }

    /** The coordinator's view of the LRA (LRAData JSON), or its 404 once the LRA is finished and forgotten. */
    public static HttpResponse<String> info(String lra) {
        return send(HttpRequest.newBuilder(URI.create(lra)).header("Accept", "application/json").GET());
    }

    /**
     * Whether the coordinator has logged a participant of {@code lra} whose callback URL contains
     * {@code participantUrlPart}. Narayana's REST API does not list participants; its durable object
     * store (written on every join) does.
     */
    public static boolean hasParticipant(String lra, String participantUrlPart) {
        String uid = lra.substring(lra.lastIndexOf('/') + 1);
        try (Stream<Path> files = Files.walk(SagaCoordinator.get().objectStoreDir())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> file.getFileName().toString().contains(uid))
                    .anyMatch(file -> read(file).contains(participantUrlPart));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Calls a participant's LRA callback as the coordinator does (PUT with the LRA header), at the URL the step
     * joined with: that URL carries the step's saga callback token for the LRA and its {@code bookingId}.
     */
    public static HttpResponse<String> callParticipant(String url, String lra) {
        String bookingId = URI.create(url).getQuery().replaceAll(".*(?:^|&)bookingId=([^&]*).*", "$1");
        return callParticipantForged(url + "&" + SagaCallbackToken.OPTION + "="
                + ServiceSecret.CALLBACK_TOKENS.of(lra, bookingId), lra);
    }

    /** Calls a participant's LRA callback URL exactly as given: an outsider's forged callback. */
    public static HttpResponse<String> callParticipantForged(String url, String lra) {
        return send(HttpRequest.newBuilder(URI.create(url))
                .header(EventHeaders.LONG_RUNNING_ACTION, lra)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody()));
    }

    private static int end(String lra, String action) {
        return send(HttpRequest.newBuilder(URI.create(lra + action))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    private static String read(Path file) {
        try {
            return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // deleted meanwhile: the LRA finished
        }
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private Lras() {
    }
}
