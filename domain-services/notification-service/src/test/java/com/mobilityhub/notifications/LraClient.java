package com.mobilityhub.notifications;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The coordinator's REST API as the hub uses it (start, close, cancel), plus the calls a coordinator makes. */
public final class LraClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String coordinatorUrl;

    public LraClient(String coordinatorBaseUrl) {
        this.coordinatorUrl = coordinatorBaseUrl + "/lra-coordinator";
    }

    /** Starts an LRA as the hub does; returns its id (a URL). */
    public String start(Duration timeLimit) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(
                        coordinatorUrl + "/start?ClientID=test&TimeLimit=" + timeLimit.toMillis()))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as("start: %s", response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElse(response.body());
    }

    public void close(String lra) {
        end(lra, "/close");
    }

    public void cancel(String lra) {
        end(lra, "/cancel");
    }

    /** Enlists a participant the way camel-lra does: compensate and complete URLs in the Link header. */
    public void join(String lra, String compensateUrl, String completeUrl) {
        String link = "<" + compensateUrl + ">; rel=compensate,<" + completeUrl + ">; rel=complete";
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(lra))
                .header("Link", link)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(link)));
        assertThat(response.statusCode()).as("join %s: %s", lra, response.body()).isEqualTo(200);
    }

    /** The URL a Camel participant on {@code port} registers for the callback route {@code direct:<route>}. */
    public static String participantUrl(int port, String action, String route, String bookingId) {
        return "http://127.0.0.1:" + port + "/lra-participant/" + action
                + "?Camel-Saga-" + (action.equals("compensate") ? "Compensate" : "Complete") + "="
                + URLEncoder.encode("direct://" + route, StandardCharsets.UTF_8)
                + "&bookingId=" + bookingId;
    }

    /** Calls a participant URL as the coordinator does (PUT with the LRA header); returns the status. */
    public int callParticipant(String participantUrl, String lra) {
        return send(HttpRequest.newBuilder(URI.create(participantUrl))
                .header("Long-Running-Action", lra)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    private void end(String lra, String action) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(lra + action))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as("%s %s: %s", action, lra, response.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
