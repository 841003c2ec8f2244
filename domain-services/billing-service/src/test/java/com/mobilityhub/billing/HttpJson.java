package com.mobilityhub.billing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.mobilityhub.contracts.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Real HTTP against the app under test. */
public final class HttpJson {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;

    public HttpJson(int port) {
        this("http://127.0.0.1:" + port);
    }

    public HttpJson(String base) {
        this.base = base;
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public Response put(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Optional<String> contentType = response.headers().firstValue("Content-Type");
            JsonNode body = contentType.filter(type -> type.contains("json")).isPresent() && !response.body().isBlank()
                    ? EventJson.mapper().readTree(response.body()) : MissingNode.getInstance();
            return new Response(response.statusCode(), contentType,
                    response.headers().firstValue("Location"), body, response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public record Response(int status, Optional<String> contentType, Optional<String> location, JsonNode json, String raw) {
    }
}
