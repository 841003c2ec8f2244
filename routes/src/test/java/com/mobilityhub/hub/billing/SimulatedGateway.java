package com.mobilityhub.hub.billing;

import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The payment gateway simulator billing-service charges, driven through its real admin endpoints as an
 * operator of a test gateway would: {@code PUT /admin/faults} takes it down and brings it back,
 * {@code GET /admin/charges} lists what it charged.
 */
final class SimulatedGateway {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String url;

    SimulatedGateway(String url) {
        this.url = url;
    }

    /** Every payment fails with a 503 (nothing charged). */
    void down() {
        faults(1.0);
    }

    /** Every payment goes through again. */
    void up() {
        faults(0.0);
    }

    /** The charges made with this Idempotency-Key (billing uses one per invoice): never more than one. */
    List<JsonNode> chargesOf(String idempotencyKey) {
        JsonNode all = call(HttpRequest.newBuilder(URI.create(url + "/admin/charges")).GET());
        List<JsonNode> found = new ArrayList<>();
        all.path("charges").forEach(charge -> {
            if (idempotencyKey.equals(charge.path("idempotencyKey").asText())) {
                found.add(charge);
            }
        });
        return found;
    }

    private void faults(double failureRate) {
        JsonNode now = call(HttpRequest.newBuilder(URI.create(url + "/admin/faults"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("{\"latencyMs\":0,\"failureRate\":" + failureRate + "}")));
        if (now.path("failureRate").asDouble() != failureRate) {
            throw new IllegalStateException("The gateway simulator kept its faults: " + now);
        }
    }

    private static JsonNode call(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("The gateway simulator answered " + response.statusCode() + ": "
                        + response.body());
            }
            return RideThroughHubIT.DECIMALS.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
