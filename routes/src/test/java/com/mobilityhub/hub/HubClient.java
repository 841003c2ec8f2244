package com.mobilityhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityhub.hub.security.TestTokens;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Real HTTP calls to a running hub, as a client of the public API would make them. By default as an
 * admin (a bearer token from {@link TestTokens}); {@link #asRider}, {@link #asOperator} and
 * {@link #anonymous} are the same client with another identity.
 */
public final class HubClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL)
            .build();

    private final String base;
    private final HttpClient http = HTTP;
    private final String token;

    public HubClient(int port) {
        this("http://127.0.0.1:" + port, TestTokens.admin());
    }

    private HubClient(String base, String token) {
        this.base = base;
        this.token = token;
    }

    public String baseUrl() {
        return base;
    }

    public HubClient asRider(UUID userId) {
        return withToken(TestTokens.rider(userId));
    }

    public HubClient asRider(String userId) {
        return asRider(UUID.fromString(userId));
    }

    public HubClient asOperator() {
        return withToken(TestTokens.operator());
    }

    public HubClient asAdmin() {
        return withToken(TestTokens.admin());
    }

    public HubClient anonymous() {
        return withToken(null);
    }

    /** This client presenting {@code token} (null: no Authorization header). */
    public HubClient withToken(String token) {
        return new HubClient(base, token);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    public Response post(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(request(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** Sends a request built by the caller (extra headers and the like); {@code path} is resolved against the hub. */
    public Response send(String path, Map<String, String> headers, String method, String body) {
        HttpRequest.Builder request = request(path).method(method,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        headers.forEach(request::setHeader);
        return send(request);
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60));
        return token == null ? request : request.header("Authorization", "Bearer " + token);
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Map<String, java.util.List<String>> headers, String body) {

        public String header(String name) {
            return headers.entrySet().stream()
                    .filter(entry -> entry.getKey().equalsIgnoreCase(name))
                    .map(entry -> entry.getValue().getFirst())
                    .findFirst().orElse(null);
        }

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("Not JSON (status " + status + "): " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + headers + " " + body;
        }
    }
}
