package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.TestCoordinator;
import com.mobilityhub.hub.ThroughTheHub;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Bookings the hub stored PENDING whose LRA no callback will ever conclude, as a coordinator crash leaves them
 * (CoordinatorCrashIT makes one for real, when it is lucky): the reconciler asks the real coordinator and
 * concludes them through the compensation callback's path, or waits while the coordinator cannot answer.
 * The rows are written straight into the hub's database, older than the saga's time limit + grace.
 */
class StaleBookingReconcilerIT extends ThroughTheHub {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** A few reconciler periods (10 s each by default). */
    private static final Duration RECONCILED = Duration.ofSeconds(90);

    @Autowired
    private JdbcTemplate hubDatabase;

    private BookingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BookingFixtures(hub);
    }

    @Test
    void rejectsWithTimeoutABookingWhoseLraTheCoordinatorDoesNotKnow() {
        // A real LRA of this coordinator, then forgotten by it: what a restart leaves of an LRA lost at the kill.
        String lostLra = startLra();
        cancelLra(lostLra);
        String bookingId = storeStalePendingBooking(fixtures.registerUser("100.00"), lostLra);
        double rejectedBefore = metric("bookings_rejected_total", "reason=\"TIMEOUT\"");

        JsonNode booking = fixtures.awaitTerminal(bookingId, RECONCILED);

        assertThat(booking.path("status").asText()).isEqualTo("REJECTED");
        assertThat(booking.path("reason").asText()).isEqualTo("TIMEOUT");
        assertThat(booking.path("timeline").findValuesAsText("step")).containsExactly("start-booking", "reject-booking");
        // Concluded through Bookings.reject, like a compensation callback: its timeline entry and metrics.
        assertThat(metric("bookings_rejected_total", "reason=\"TIMEOUT\"")).isGreaterThan(rejectedBefore);
        assertThat(metric("booking_reconciliations_total", "outcome=\"rejected-lra-lost\"")).isPositive();
        assertNoViolationNames(bookingId);
    }

    @Test
    void decidesNothingWhileTheCoordinatorCannotAnswer() {
        // Nothing listens on this port: the coordinator is down.
        String unreachableLra = "http://127.0.0.1:" + freePort() + "/lra-coordinator/0_ffff7f000001_down_" + UUID.randomUUID();
        String bookingId = storeStalePendingBooking(fixtures.registerUser("100.00"), unreachableLra);
        double unavailableBefore = metric("booking_reconciliations_total", "outcome=\"coordinator-unavailable\"");

        await().atMost(RECONCILED).pollInterval(Duration.ofSeconds(1)).until(() ->
                metric("booking_reconciliations_total", "outcome=\"coordinator-unavailable\"") >= unavailableBefore + 2);

        JsonNode booking = fixtures.booking(bookingId);
        assertThat(booking.path("status").asText()).isEqualTo("PENDING");
        assertThat(booking.path("timeline").findValuesAsText("step")).containsExactly("start-booking");

        // The coordinator answers again, and does not know the LRA: now it is concluded.
        String lostLra = startLra();
        cancelLra(lostLra);
        hubDatabase.update("update booking set lra_id = ? where id = ?::uuid", lostLra, bookingId);
        assertThat(fixtures.awaitTerminal(bookingId, RECONCILED).path("reason").asText()).isEqualTo("TIMEOUT");
    }

    @Test
    void cancelsAnLraLeftActivePastItsTimeLimit() {
        // Started without a time limit (as when the hub's own join failed): Narayana would keep it Active forever.
        String activeLra = startLra();
        String bookingId = storeStalePendingBooking(fixtures.registerUser("100.00"), activeLra);

        JsonNode booking = fixtures.awaitTerminal(bookingId, RECONCILED.multipliedBy(2));

        assertThat(booking.path("status").asText()).isEqualTo("REJECTED");
        assertThat(booking.path("reason").asText()).isEqualTo("TIMEOUT");
        assertThat(TestCoordinator.lraIds()).doesNotContain(activeLra);
        assertThat(metric("booking_reconciliations_total", "outcome=\"cancelled-overdue-lra\"")).isPositive();
        assertNoViolationNames(bookingId);
    }

    /**
     * The hub asked to close, got no callback, and the LRA is now past its time limit: re-sending the close would race
     * the coordinator's timeout cancel (a mixed outcome was once seen after a restart). The hub must follow the cancel:
     * the participant is compensated, never completed, and the booking ends REJECTED.
     */
    @Test
    void followsTheCancelInsteadOfRetryingACloseAfterTheTimeLimit() throws IOException {
        HttpServer participant = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        List<String> callbacks = new CopyOnWriteArrayList<>();
        participant.createContext("/participant/", exchange -> {
            try (exchange) {
                callbacks.add(exchange.getRequestURI().getPath().substring("/participant/".length()));
                exchange.sendResponseHeaders(200, -1);
            }
        });
        participant.start();
        try {
            // No time limit: only the hub can end it. Its close request is long overdue.
            String lra = startLra();
            String base = "http://127.0.0.1:" + participant.getAddress().getPort() + "/participant/";
            HttpResponse<String> joined = call(HttpRequest.newBuilder(URI.create(lra))
                    .header("Link", "<" + base + "compensate>; rel=\"compensate\", <" + base + "complete>; rel=\"complete\"")
                    .PUT(HttpRequest.BodyPublishers.noBody()));
            assertThat(joined.statusCode()).as(joined.body()).isEqualTo(200);
            String bookingId = storeStalePendingBooking(fixtures.registerUser("100.00"), lra);
            hubDatabase.update("update booking set close_requested = 'COMPLETE' where id = ?::uuid", bookingId);

            JsonNode booking = fixtures.awaitTerminal(bookingId, RECONCILED.multipliedBy(2));

            assertThat(booking.path("status").asText()).isEqualTo("REJECTED");
            assertThat(callbacks).containsOnly("compensate");
        } finally {
            participant.stop(0);
        }
    }

    /** A PENDING booking as {@code Bookings.open} stores it, created long enough ago to be past time limit + grace. */
    private String storeStalePendingBooking(String userId, String lraId) {
        UUID bookingId = UUID.randomUUID();
        hubDatabase.update("insert into booking (id, user_id, vehicle_id, pickup_lat, pickup_lng, dropoff_lat,"
                + " dropoff_lng, fare, status, lra_id, created_at, updated_at, version)"
                + " values (?, ?::uuid, ?, 52.52, 13.405, 52.50, 13.35, 7.40, 'PENDING', ?,"
                + " now() - interval '10 minutes', now() - interval '10 minutes', 0)",
                bookingId, userId, UUID.randomUUID(), lraId);
        hubDatabase.update("insert into booking_timeline (booking_id, at, service, step, outcome, detail)"
                + " values (?, now() - interval '10 minutes', 'hub', 'start-booking', 'BookingRequested', 'fare 7.40')",
                bookingId);
        return bookingId.toString();
    }

    private void assertNoViolationNames(String bookingId) {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode report = fixtures.consistency();
            assertThat(report.path("violations").toString()).as(report.toString()).doesNotContain(bookingId);
        });
    }

    private double metric(String name, String label) {
        return hub.get("/actuator/prometheus").body().lines()
                .filter(line -> line.startsWith(name + "{") && line.contains(label))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static String startLra() {
        HttpResponse<String> started = call(HttpRequest.newBuilder(URI.create(TestCoordinator.get().url() + "/start"))
                .POST(HttpRequest.BodyPublishers.noBody()));
        assertThat(started.statusCode()).as(started.body()).isEqualTo(201);
        return started.body().strip();
    }

    private static void cancelLra(String lraId) {
        HttpResponse<String> cancelled = call(HttpRequest.newBuilder(URI.create(lraId + "/cancel"))
                .PUT(HttpRequest.BodyPublishers.noBody()));
        assertThat(cancelled.statusCode()).as(cancelled.body()).isEqualTo(200);
        HttpResponse<String> status = call(HttpRequest.newBuilder(URI.create(lraId + "/status")).GET());
        assertThat(status.statusCode()).as("forgotten: " + status.body()).isEqualTo(404);
    }

    private static HttpResponse<String> call(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() {
        return com.mobilityhub.hub.HubTestProperties.freePort();
    }
}
