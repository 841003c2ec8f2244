package com.mobilityhub.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The coordinator's REST API as camel-lra uses it: start, join with a Link header, close, cancel, list. */
final class CoordinatorClient {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String coordinatorUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    CoordinatorClient(String coordinatorUrl) {
        this.coordinatorUrl = coordinatorUrl;
    }

    /** Starts an LRA and returns its id (a URL under the coordinator). */
    String start(String clientId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(coordinatorUrl + "/start?ClientID=" + clientId))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as("start: %s", response.body()).isEqualTo(201);
        return response.headers().firstValue("Location").orElseThrow();
    }

    /** Joins like camel-lra: {@code PUT <lra>?TimeLimit=<ms>} with the Link header as header and body. */
    void join(String lraId, String linkHeader, Duration timeLimit) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                        URI.create(lraId + "?TimeLimit=" + timeLimit.toMillis()))
                .header("Link", linkHeader)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.ofString(linkHeader)));
        assertThat(response.statusCode()).as("join %s: %s", lraId, response.body()).isEqualTo(200);
    }

    void close(String lraId) {
        end(lraId, "/close");
    }

    /** Closes without judging the answer: the close of an LRA whose participant is sick, or of a dying coordinator. */
    void closeAllowingAnyAnswer(String lraId) {
        try {
            http.send(HttpRequest.newBuilder(URI.create(lraId + "/close"))
                    .timeout(Duration.ofSeconds(30))
                    .header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.noBody())
                    .build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException coordinatorGone) {
            // the caller looks at the outcome through the participants
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    void cancel(String lraId) {
        end(lraId, "/cancel");
    }

    /** Every LRA the coordinator still knows (active, closing, cancelling, recovering). */
    List<Map<String, Object>> lras() {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(coordinatorUrl))
                .header("Accept", "application/json")
                .GET());
        assertThat(response.statusCode()).as("list: %s", response.body()).isEqualTo(200);
        try {
            return JSON.readValue(response.body(), new TypeReference<>() { });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> lraIds() {
        return lras().stream().map(lra -> (String) lra.get("lraId")).toList();
    }

    private void end(String lraId, String action) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(URI.create(lraId + action))
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(response.statusCode()).as("%s %s: %s", action, lraId, response.body()).isEqualTo(200);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
