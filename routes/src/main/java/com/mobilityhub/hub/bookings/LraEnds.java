package com.mobilityhub.hub.bookings;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Closes or cancels an LRA on the coordinator: what {@code saga:complete} / {@code saga:compensate}
 * do ({@code PUT <lra>/close|cancel}, 200 expected), with a timeout. Camel 4.17's LRA client sends
 * these without any timeout, and a close that reached a coordinator in the middle of restarting was
 * seen to never answer, which held the booking PENDING for good (CoordinatorCrashIT).
 */
@Component
public class LraEnds {

    private final HttpClient http;
    private final Duration timeout;

    public LraEnds(BookingProperties properties) {
        this.timeout = properties.closeTimeout();
        this.http = HttpClient.newBuilder().connectTimeout(timeout).version(HttpClient.Version.HTTP_1_1).build();
    }

    /** Throws when the coordinator did not take the request; the caller retries. */
    public void end(String lraId, Booking.CloseRequest request) {
        String action = request == Booking.CloseRequest.COMPLETE ? "/close" : "/cancel";
        HttpRequest put = HttpRequest.newBuilder(URI.create(lraId + action))
                .timeout(timeout)
                .header("Content-Type", "text/plain")
                .PUT(HttpRequest.BodyPublishers.noBody())
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(put, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(action + " of " + lraId + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(action + " of " + lraId + " interrupted", e);
        }
        if (response.statusCode() != 200) {
            throw new IllegalStateException(action + " of " + lraId + " answered " + response.statusCode() + ": "
                    + response.body());
        }
    }
}
