package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import com.mobilityhub.infra.LocalPostgres;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * POST /bookings/{id}/cancel through the hub, the four participants and the real coordinator: the
 * cancellation saga (its own LRA) frees everything the booking held, minus the documented fee.
 */
class BookingCancellationIT extends ThroughTheHub {

    private static final Duration SAGA = Duration.ofSeconds(SAGA_TIMEOUT_SECONDS + 30);

    @Autowired
    JdbcTemplate jdbc;

    private BookingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BookingFixtures(hub);
    }

    @Test
    void cancelsAConfirmedBookingAndKeepsOnlyTheFeeOnceHoweverOftenAsked() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        JsonNode confirmed = confirmedBooking(user, vehicle);
        String bookingId = confirmed.path("bookingId").asText();
        BigDecimal fare = confirmed.path("fare").decimalValue();
        // Confirmed ten minutes ago: past the free period, so the fee applies (10 % of the fare, at least 1.00).
        jdbc.update("update booking set confirmed_at = confirmed_at - interval '10 minutes' where id = ?",
                UUID.fromString(bookingId));
        BigDecimal fee = fare.multiply(new BigDecimal("0.10")).setScale(2, RoundingMode.HALF_UP)
                .max(new BigDecimal("1.00")).min(fare);

        HubClient.Response cancelled = cancel(hub.asRider(user), bookingId);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        JsonNode booking = cancelled.json();
        assertThat(booking.path("status").asText()).isEqualTo("CANCELLED");
        assertThat(steps(booking)).containsSubsequence("confirm-booking", "start-cancellation", "cancel-trip-for-booking",
                "schedule-cancellation-fee", "schedule-vehicle-release", "schedule-cancellation-notice",
                "conclude-cancellation", "cancel-booking");
        assertThat(booking.path("timeline").findValuesAsText("outcome")).containsSubsequence(
                "BookingCancellationRequested", "TripCancellationAccepted", "CancellationFeeScheduled",
                "VehicleReleaseScheduled", "CancellationNoticeScheduled", "saga:complete", "CANCELLED");
        assertThat(booking.path("timeline").findValuesAsText("detail")).contains("fee " + fee.toPlainString() + " EUR");

        BigDecimal balance = new BigDecimal("100.00").subtract(fee);
        await().atMost(SAGA).untilAsserted(() -> {
            JsonNode account = fixtures.creditAccount(user);
            assertThat(account.path("held").decimalValue()).isEqualByComparingTo("0");
            assertThat(account.path("balance").decimalValue()).isEqualByComparingTo(balance);
            assertThat(hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("AVAILABLE");
            assertThat(cancellationNotices(user)).hasSize(1);
        });
        String tripId = confirmed.path("tripId").asText();
        assertThat(hub.get("/api/v1/trips/" + tripId).json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(cancellationNotices(user).getFirst()).contains(fee.toPlainString() + " EUR");
        assertConsistent(bookingId, Set.of(bookingId, user, vehicle));

        // Asked again (a retry, a double click): the same booking, nothing charged or sent twice.
        HubClient.Response again = cancel(hub.asRider(user), bookingId);
        assertThat(again.status()).as(again.toString()).isEqualTo(200);
        assertThat(again.json().path("status").asText()).isEqualTo("CANCELLED");
        assertThat(steps(again.json()).stream().filter("cancel-booking"::equals)).hasSize(1);
        assertThat(fixtures.creditAccount(user).path("balance").decimalValue()).isEqualByComparingTo(balance);
        assertThat(cancellationNotices(user)).hasSize(1);
        assertThat(hub.asAdmin().post("/api/v1/bookings/" + bookingId + "/cancel", "").status()).isEqualTo(200);
        assertThat(fixtures.creditAccount(user).path("balance").decimalValue()).isEqualByComparingTo(balance);
    }

    @Test
    void cancellingWithinTheFreePeriodReleasesTheWholeFare() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        String bookingId = confirmedBooking(user, vehicle).path("bookingId").asText();

        HubClient.Response cancelled = cancel(hub, bookingId);

        assertThat(cancelled.status()).as(cancelled.toString()).isEqualTo(200);
        assertThat(cancelled.json().path("timeline").findValuesAsText("detail")).contains("fee 0.00 EUR");
        await().atMost(SAGA).untilAsserted(() -> {
            JsonNode account = fixtures.creditAccount(user);
            assertThat(account.path("held").decimalValue()).isEqualByComparingTo("0");
            assertThat(account.path("balance").decimalValue()).isEqualByComparingTo("100.00");
        });
        // The vehicle can be booked again.
        await().atMost(SAGA).untilAsserted(() ->
                assertThat(hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("AVAILABLE"));
        String other = fixtures.registerUser("100.00");
        assertThat(fixtures.bookAndWait(other, vehicle, 30).status()).isEqualTo(201);
    }

    @Test
    void refusesOnceTheTripHasStartedAndChangesNothing() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        JsonNode confirmed = confirmedBooking(user, vehicle);
        String bookingId = confirmed.path("bookingId").asText();
        String tripId = confirmed.path("tripId").asText();
        // trip-service lets the trip start once the booking saga's completion reached it.
        await().atMost(SAGA).until(() -> hub.post("/api/v1/trips/" + tripId + "/start", "").status() == 200);
        await().atMost(SAGA).untilAsserted(() ->
                assertThat(hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("IN_USE"));
        JsonNode accountBefore = fixtures.creditAccount(user);

        HubClient.Response refused = cancel(hub.asRider(user), bookingId);

        JsonNode problem = assertProblem(refused, 409);
        assertThat(problem.path("bookingStatus").asText()).isEqualTo("CONFIRMED");
        assertThat(problem.path("reason").asText()).contains("IN_PROGRESS");
        await().atMost(SAGA).untilAsserted(() -> assertThat(steps(fixtures.booking(bookingId))).contains("keep-booking"));
        JsonNode booking = fixtures.booking(bookingId);
        assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(booking.path("timeline").findValuesAsText("outcome")).containsSubsequence(
                "BookingCancellationRequested", "TripCancellationRefused", "saga:compensate", "CONFIRMED");
        assertThat(steps(booking)).doesNotContain("schedule-cancellation-fee", "cancel-booking");
        assertThat(hub.get("/api/v1/trips/" + tripId).json().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertThat(hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("IN_USE");
        JsonNode accountAfter = fixtures.creditAccount(user);
        assertThat(accountAfter.path("held").decimalValue()).isEqualByComparingTo(accountBefore.path("held").decimalValue());
        assertThat(accountAfter.path("balance").decimalValue())
                .isEqualByComparingTo(accountBefore.path("balance").decimalValue());
        assertThat(cancellationNotices(user)).isEmpty();
    }

    @Test
    void anotherRiderCannotCancelAndAPendingOrRejectedBookingIsNotCancellable() {
        String user = fixtures.registerUser("100.00");
        String stranger = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        String bookingId = confirmedBooking(user, vehicle).path("bookingId").asText();

        assertProblem(cancel(hub.asRider(stranger), bookingId), 404);
        assertProblem(cancel(hub, UUID.randomUUID().toString()), 404);
        assertThat(fixtures.booking(bookingId).path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(steps(fixtures.booking(bookingId))).doesNotContain("start-cancellation");

        String poor = fixtures.registerUser("1.00");
        HubClient.Response rejected = fixtures.bookAndWait(poor, fixtures.registerVehicle(), 30);
        String rejectedId = assertProblem(rejected, 409).path("bookingId").asText();
        JsonNode notCancellable = assertProblem(cancel(hub.asRider(poor), rejectedId), 409);
        assertThat(notCancellable.path("bookingStatus").asText()).isEqualTo("REJECTED");
        assertThat(fixtures.booking(rejectedId).path("status").asText()).isEqualTo("REJECTED");
    }

    private JsonNode confirmedBooking(String user, String vehicle) {
        HubClient.Response confirmed = fixtures.bookAndWait(user, vehicle, 30);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        return confirmed.json();
    }

    private static HubClient.Response cancel(HubClient client, String bookingId) {
        return client.send("/api/v1/bookings/" + bookingId + "/cancel", Map.of("Prefer", "wait=30"), "POST", null);
    }

    private static List<String> steps(JsonNode booking) {
        return booking.path("timeline").findValuesAsText("step");
    }

    /** The bodies of the rider's BOOKING_CANCELLATION notices, read from notification-service's own database. */
    private static List<String> cancellationNotices(String user) {
        try (Connection connection = DriverManager.getConnection(services().notifications().jdbcUrl(), LocalPostgres.USER, "");
             PreparedStatement query = connection.prepareStatement(
                     "select body from notification where user_id = ? and kind = 'BOOKING_CANCELLATION'")) {
            query.setObject(1, UUID.fromString(user));
            List<String> bodies = new ArrayList<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    bodies.add(rows.getString(1));
                }
            }
            return bodies;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The consistency check finds nothing wrong with these bookings, riders and vehicles (the database is shared). */
    private void assertConsistent(String bookingId, Set<String> ours) {
        // The check leaves bookings alone during its grace period (2 s here): wait until this one is past it.
        Instant changed = Instant.parse(fixtures.booking(bookingId).path("updatedAt").asText());
        await().atMost(SAGA).until(() -> Instant.now().isAfter(changed.plusSeconds(3)));
        await().atMost(SAGA).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode report = fixtures.consistency();
            List<JsonNode> violations = new ArrayList<>();
            report.path("violations").forEach(v -> {
                if (ours.contains(v.path("bookingId").asText()) || ours.contains(v.path("userId").asText())
                        || ours.contains(v.path("vehicleId").asText())) {
                    violations.add(v);
                }
            });
            assertThat(violations).as(report.toString()).isEmpty();
        });
    }
}
