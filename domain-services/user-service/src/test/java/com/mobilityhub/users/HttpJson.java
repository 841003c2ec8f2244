package com.mobilityhub.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.mobilityhub.contracts.EventJson;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Optional;

/** Real HTTP against the app under test, signed as another app of the platform signs its calls ({@link ServiceSecret}). */
public final class HttpJson {

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String base;
    private final boolean signed;

    public HttpJson(int port) {
        this(port, true);
    }

    private HttpJson(int port, boolean signed) {
        this.base = "http://127.0.0.1:" + port;
        this.signed = signed;
    }

    /** A caller from outside the platform: no service credential. */
    public static HttpJson unsigned(int port) {
        return new HttpJson(port, false);
    }

    public Response get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    public Response post(String path, String json) {
        return send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private Response send(HttpRequest.Builder request) {
        if (signed) {
            HttpRequest unsignedRequest = request.copy().build();
            ServiceSecret.CREDENTIALS.sign(unsignedRequest.method(), unsignedRequest.uri().getRawPath()).forEach(request::header);
        }
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
