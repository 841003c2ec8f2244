package com.mobilityhub.hub.bookings;

import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;

/**
 * Asks the coordinator what became of an LRA ({@code GET <lra>/status}). Narayana forgets an LRA once every
 * participant answered, and also one it lost in a crash: both answer 404 ({@link LraStatus#UNKNOWN}). A 404
 * only counts once the coordinator is ready: right after a restart it answers 404 for every LRA of its previous
 * run until its first recovery scan has reloaded them.
 */
@Component
public class LraStatuses {

    /** Narayana's LRA states (their names on the wire), plus UNKNOWN for an LRA the coordinator does not have. */
    public enum LraStatus {
        ACTIVE("Active"), CLOSING("Closing"), CLOSED("Closed"), CANCELLING("Cancelling"), CANCELLED("Cancelled"),
        FAILED_TO_CLOSE("FailedToClose"), FAILED_TO_CANCEL("FailedToCancel"), UNKNOWN("");

        private final String wireName;

        LraStatus(String wireName) {
            this.wireName = wireName;
        }

        static LraStatus parse(String body) {
            String name = body.strip().replace("\"", "");
            return Arrays.stream(values()).filter(s -> s != UNKNOWN && s.wireName.equalsIgnoreCase(name)).findFirst()
                    .orElseThrow(() -> new CoordinatorUnavailableException("unexpected LRA status '" + body + "'"));
        }

        /** The coordinator decided to cancel: no close may be sent any more, and the booking must not be confirmed. */
        public boolean isCancel() {
            return this == CANCELLING || this == CANCELLED || this == FAILED_TO_CANCEL;
        }
    }

    /** The coordinator could not be asked (down, restarting, not ready): decide nothing. */
    public static class CoordinatorUnavailableException extends RuntimeException {
        CoordinatorUnavailableException(String message) {
            super(message);
        }
    }

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .version(HttpClient.Version.HTTP_1_1).build();

    /** The LRA's status; throws {@link CoordinatorUnavailableException} when the coordinator cannot tell. */
    public LraStatus of(String lraId) {
        HttpResponse<String> response = get(URI.create(lraId + "/status"));
        if (response.statusCode() == 200) {
            return LraStatus.parse(response.body());
        }
        if (response.statusCode() == 404) {
            requireReady(lraId);
            return LraStatus.UNKNOWN;
        }
        throw new CoordinatorUnavailableException("status of " + lraId + " answered " + response.statusCode());
    }

    /** Our coordinator reports through readiness whether it reloaded the LRAs of its previous run. */
    private void requireReady(String lraId) {
        HttpResponse<String> readiness = get(URI.create(lraId).resolve("/actuator/health/readiness"));
        // 404: a coordinator without our health endpoint; it cannot tell us more, so its 404 stands.
        if (readiness.statusCode() != 200 && readiness.statusCode() != 404) {
            throw new CoordinatorUnavailableException("coordinator of " + lraId + " is not ready (readiness answered "
                    + readiness.statusCode() + ")");
        }
    }

    private HttpResponse<String> get(URI uri) {
        try {
            return http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).header("Accept", "text/plain, application/json")
                    .GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new CoordinatorUnavailableException("GET " + uri + " failed: " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CoordinatorUnavailableException("GET " + uri + " interrupted");
        }
    }
}
