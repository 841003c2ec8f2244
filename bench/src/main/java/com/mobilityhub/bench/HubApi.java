package com.mobilityhub.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

/** The hub's public API as a client sees it, with the optional bearer token on every call. */
public final class HubApi {

    /** A JSON answer: status code and parsed body (null when empty or not JSON). */
    public record Answer(int status, JsonNode body) {
        String text(String field) {
            return body != null && body.hasNonNull(field) ? body.get(field).asText() : null;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String apiBase;
    private final Optional<String> token;

    public HubApi(String baseUrl, Optional<String> token) {
        this.apiBase = stripSlash(baseUrl) + "/api/v1";
        this.token = token;
    }

    public Answer post(String path, String json, Duration timeout, String... headers) throws IOException, InterruptedException {
        HttpRequest.Builder request = request(path, timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (headers.length > 0) {
            request.headers(headers);
        }
        return send(request);
    }

    public Answer put(String path, String json) throws IOException, InterruptedException {
        return send(request(path, Duration.ofSeconds(30)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Answer get(String path) throws IOException, InterruptedException {
        return send(request(path, Duration.ofSeconds(60)).GET());
    }

    private HttpRequest.Builder request(String path, Duration timeout) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(apiBase + path)).timeout(timeout)
                .header("Accept", "application/json, application/problem+json");
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return request;
    }

    private Answer send(HttpRequest.Builder request) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode body = null;
        String text = response.body();
        if (text != null && !text.isBlank()) {
            try {
                body = JSON.readTree(text);
            } catch (IOException notJson) {
                body = JSON.getNodeFactory().textNode(text);
            }
        }
        return new Answer(response.statusCode(), body);
    }

    static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
