package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The whole saga across the hub, the four participants and the real coordinator. */
class BookingSagaIT extends ThroughTheHub {

    private static final Duration SAGA = Duration.ofSeconds(SAGA_TIMEOUT_SECONDS + 30);

    private BookingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BookingFixtures(hub);
    }

    @Test
    void confirmsABookingThroughEveryStepAndAnswersCreatedWhenAskedToWait() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();

        HubClient.Response confirmed = fixtures.bookAndWait(user, vehicle, 30);

        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        JsonNode booking = confirmed.json();
        String bookingId = booking.path("bookingId").asText();
        assertThat(confirmed.header("Location")).isEqualTo("/api/v1/bookings/" + bookingId);
        assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(booking.path("tripId").asText()).isNotBlank();
        assertThat(booking.path("reason").isNull()).isTrue();
        assertThat(steps(booking)).containsSubsequence("start-booking", "reserve-credits", "reserve-vehicle",
                "create-trip", "send-confirmation", "conclude-booking", "confirm-booking");
        assertThat(booking.path("timeline").findValuesAsText("outcome")).containsSubsequence("BookingRequested",
                "CreditsReserved", "VehicleReserved", "TripCreated", "ConfirmationSent", "saga:complete", "CONFIRMED");
        BigDecimal fare = booking.path("fare").decimalValue();
        assertThat(fixtures.creditAccount(user).path("held").decimalValue()).isEqualByComparingTo(fare);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("RESERVED"));
    }

    @Test
    void rejectsWithInsufficientCreditsAndHoldsNothing() {
        String user = fixtures.registerUser("1.00");
        String vehicle = fixtures.registerVehicle();

        HubClient.Response rejected = fixtures.bookAndWait(user, vehicle, 30);

        JsonNode problem = assertProblem(rejected, 409);
        assertThat(problem.path("bookingStatus").asText()).isEqualTo("REJECTED");
        assertThat(problem.path("reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        JsonNode booking = fixtures.booking(problem.path("bookingId").asText());
        assertThat(booking.path("reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertThat(steps(booking)).containsSubsequence("start-booking", "reserve-credits", "conclude-booking",
                "reject-booking").doesNotContain("reserve-vehicle");
        JsonNode account = fixtures.creditAccount(user);
        assertThat(account.path("held").decimalValue()).isEqualByComparingTo("0");
        assertThat(account.path("balance").decimalValue()).isEqualByComparingTo("1.00");
        assertThat(hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("AVAILABLE");
    }

    @Test
    void rejectsAVehicleInMaintenanceAndReleasesTheHeldCredits() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        assertThat(hub.put("/api/v1/vehicles/" + vehicle + "/status", "{\"status\":\"MAINTENANCE\"}").status()).isEqualTo(200);

        HubClient.Response rejected = fixtures.bookAndWait(user, vehicle, 30);

        JsonNode problem = assertProblem(rejected, 409);
        assertThat(problem.path("reason").asText()).isEqualTo("VEHICLE_UNAVAILABLE");
        String bookingId = problem.path("bookingId").asText();
        await().atMost(SAGA).untilAsserted(() -> {
            assertThat(fixtures.creditAccount(user).path("held").decimalValue()).isEqualByComparingTo("0");
            assertThat(steps(fixtures.booking(bookingId))).contains("release-credits");
        });
        assertThat(fixtures.creditAccount(user).path("balance").decimalValue()).isEqualByComparingTo("100.00");
        assertThat(steps(fixtures.booking(bookingId))).containsSubsequence("reserve-credits", "reserve-vehicle",
                "conclude-booking").doesNotContain("create-trip");
        assertThat(hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("MAINTENANCE");
    }

    @Test
    void compensatesEveryEarlierStepInReverseOrderWhenTheConfirmationCannotBeSent() {
        String user = services().riderWhoseConfirmationsFail().toString();
        String vehicle = fixtures.registerVehicle();
        BigDecimal heldBefore = fixtures.creditAccount(user).path("held").decimalValue();

        HubClient.Response rejected = fixtures.bookAndWait(user, vehicle, 30);

        JsonNode problem = assertProblem(rejected, 409);
        assertThat(problem.path("reason").asText()).isEqualTo("NOTIFICATION_FAILED");
        String bookingId = problem.path("bookingId").asText();
        await().atMost(SAGA).untilAsserted(() -> assertThat(steps(fixtures.booking(bookingId)))
                .contains("send-cancellation", "cancel-trip", "release-vehicle", "release-credits"));
        JsonNode booking = fixtures.booking(bookingId);
        assertThat(steps(booking)).containsSubsequence("reserve-credits", "reserve-vehicle", "create-trip",
                "send-confirmation");
        // The coordinator undoes in reverse order of joining: notification, trip, vehicle, credits.
        assertThat(steps(booking).stream().filter(step -> List.of("send-cancellation", "cancel-trip", "release-vehicle",
                "release-credits").contains(step)).toList())
                .containsExactly("send-cancellation", "cancel-trip", "release-vehicle", "release-credits");
        assertThat(fixtures.creditAccount(user).path("held").decimalValue()).isEqualByComparingTo(heldBefore);
        await().atMost(SAGA).untilAsserted(() -> assertThat(
                hub.get("/api/v1/vehicles/" + vehicle).json().path("status").asText()).isEqualTo("AVAILABLE"));
        String tripId = booking.path("tripId").asText();
        assertThat(tripId).isNotBlank();
    }

    @Test
    void oneUserBeyondTheBalanceNeverGoesNegative() throws Exception {
        // 10 bookings of ~7.75 each against 30.00: at most 3 can be held at once.
        String user = fixtures.registerUser("30.00");
        List<String> vehicles = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            vehicles.add(fixtures.registerVehicle());
        }

        List<JsonNode> outcomes = concurrently(vehicles.size(), i -> fixtures.book(BookingFixtures.body(user,
                vehicles.get(i)), Map.of("Prefer", "wait=30")));

        long confirmed = outcomes.stream().filter(b -> "CONFIRMED".equals(b.path("status").asText())).count();
        assertThat(confirmed).isBetween(1L, 3L);
        assertThat(outcomes).allMatch(b -> "CONFIRMED".equals(b.path("status").asText())
                || "INSUFFICIENT_CREDITS".equals(b.path("reason").asText()), "confirmed or INSUFFICIENT_CREDITS");
        JsonNode account = fixtures.creditAccount(user);
        assertThat(account.path("balance").decimalValue()).isGreaterThanOrEqualTo(BigDecimal.ZERO);
        BigDecimal confirmedFares = outcomes.stream().filter(b -> "CONFIRMED".equals(b.path("status").asText()))
                .map(b -> b.path("fare").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add);
        await().atMost(SAGA).untilAsserted(() ->
                assertThat(fixtures.creditAccount(user).path("held").decimalValue()).isEqualByComparingTo(confirmedFares));
    }

    @Test
    void fiftySimultaneousBookingsOfOneVehicleConfirmExactlyOne() throws Exception {
        String vehicle = fixtures.registerVehicle();
        List<String> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(fixtures.registerUser("100.00"));
        }

        List<JsonNode> outcomes = concurrently(users.size(), i -> fixtures.book(BookingFixtures.body(users.get(i), vehicle),
                Map.of("Prefer", "wait=30")));

        assertThat(outcomes.stream().filter(b -> "CONFIRMED".equals(b.path("status").asText())).count()).isEqualTo(1);
        assertThat(outcomes.stream().filter(b -> "REJECTED".equals(b.path("status").asText())))
                .hasSize(49)
                .allMatch(b -> "VEHICLE_UNAVAILABLE".equals(b.path("reason").asText()), "VEHICLE_UNAVAILABLE");
        String winner = outcomes.stream().filter(b -> "CONFIRMED".equals(b.path("status").asText())).findFirst()
                .orElseThrow().path("userId").asText();
        await().atMost(SAGA).untilAsserted(() -> {
            for (String user : users) {
                BigDecimal held = fixtures.creditAccount(user).path("held").decimalValue();
                if (user.equals(winner)) {
                    assertThat(held).as("winner " + user).isPositive();
                } else {
                    assertThat(held).as("loser " + user).isEqualByComparingTo("0");
                }
            }
        });
        // The hub's database is shared by the test classes: look at this test's bookings, riders and vehicle.
        java.util.Set<String> ours = new java.util.HashSet<>(users);
        ours.add(vehicle);
        outcomes.forEach(b -> ours.add(b.path("bookingId").asText()));
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

    /** Runs {@code count} bookings at once (virtual threads) and returns each booking once it concluded. */
    private List<JsonNode> concurrently(int count, java.util.function.IntFunction<HubClient.Response> booking)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<HubClient.Response>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                int index = i;
                responses.add(clients.submit(() -> {
                    start.await();
                    return booking.apply(index);
                }));
            }
            start.countDown();
            List<JsonNode> outcomes = new ArrayList<>();
            for (Future<HubClient.Response> response : responses) {
                HubClient.Response answer = response.get(3, TimeUnit.MINUTES);
                assertThat(answer.status()).as(answer.toString()).isIn(201, 202, 409);
                String bookingId = answer.json().path("bookingId").asText();
                outcomes.add(fixtures.awaitTerminal(bookingId, SAGA));
            }
            return outcomes;
        }
    }

    private static List<String> steps(JsonNode booking) {
        return booking.path("timeline").findValuesAsText("step");
    }
}
