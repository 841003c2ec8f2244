package com.mobilityhub.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The ceiling of any five-participant LRA saga on this coordinator: start, five joins (no-op
 * participants hosted here) and close, which makes the coordinator call every participant's
 * complete before it answers. The booking saga does the same LRA work plus its real steps.
 */
public final class CoordinatorBaseline {

    public static final int PARTICIPANTS = 5;

    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    private final String coordinatorUrl;
    private final NoOpParticipants participants;

    public CoordinatorBaseline(String coordinatorUrl, NoOpParticipants participants) {
        this.coordinatorUrl = HubApi.stripSlash(coordinatorUrl);
        this.participants = participants;
    }

    /** One saga: true when every call answered as the LRA protocol says. */
    public boolean saga(int client) throws IOException, InterruptedException {
        HttpResponse<String> started = send(HttpRequest.newBuilder(URI.create(
                coordinatorUrl + "/start?ClientID=bench&TimeLimit=60000")).POST(HttpRequest.BodyPublishers.noBody()));
        if (started.statusCode() != 201) {
            throw new IllegalStateException("start answered " + started.statusCode() + ": " + started.body());
        }
        String lra = started.headers().firstValue("Location").orElse(started.body());
        for (int step = 0; step < PARTICIPANTS; step++) {
            String link = participants.linkHeader(step);
            HttpResponse<String> joined = send(HttpRequest.newBuilder(URI.create(lra))
                    .header("Link", link).header("Content-Type", "text/plain")
                    .PUT(HttpRequest.BodyPublishers.ofString(link)));
            if (joined.statusCode() != 200) {
                throw new IllegalStateException("join answered " + joined.statusCode() + ": " + joined.body());
            }
        }
        HttpResponse<String> closed = send(HttpRequest.newBuilder(URI.create(lra + "/close"))
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.noBody()));
        if (closed.statusCode() != 200) {
            throw new IllegalStateException("close answered " + closed.statusCode() + ": " + closed.body());
        }
        return true;
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
