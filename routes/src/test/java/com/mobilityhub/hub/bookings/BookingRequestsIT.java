package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.TestCoordinator;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** What the hub decides alone: validation before any LRA, the LRA start, idempotency keys, reads. */
class BookingRequestsIT extends ThroughTheHub {

    @Autowired
    private JdbcTemplate hubDatabase;

    private BookingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BookingFixtures(hub);
    }

    @Test
    void refusesBadInputBeforeAnyLraStarts() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        List<String> lrasBefore = TestCoordinator.lraIds();
        long bookingsBefore = bookingRows();

        assertNamesField(assertProblem(hub.post("/api/v1/bookings", "{\"userId\": "), 400), "body");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings", ""), 400), "body");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                "{\"vehicleId\":\"" + vehicle + "\",\"pickup\":" + BookingFixtures.PICKUP + ",\"dropoff\":"
                        + BookingFixtures.DROPOFF + "}"), 400), "userId");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body("not-a-uuid", vehicle)), 400), "userId");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(user, vehicle).replace("}}", "}, \"tip\": 5}")), 400), "tip");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(user, vehicle, "{\"lat\":91,\"lng\":13.4}", BookingFixtures.DROPOFF)), 400), "pickup.lat");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(user, vehicle, BookingFixtures.PICKUP, "{\"lat\":52.5,\"lng\":-180.5}")), 400),
                "dropoff.lng");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(user, vehicle, "{\"lat\":\"52.5\",\"lng\":13.4}", BookingFixtures.DROPOFF)), 400),
                "pickup.lat");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(user, vehicle, BookingFixtures.PICKUP, null)), 400), "dropoff");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(user, vehicle, BookingFixtures.PICKUP, BookingFixtures.PICKUP)), 400), "dropoff");
        assertNamesField(assertProblem(fixtures.book(BookingFixtures.body(user, vehicle),
                Map.of("Idempotency-Key", "k".repeat(201))), 400), "Idempotency-Key");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(UUID.randomUUID().toString(), vehicle)), 404), "userId");
        assertNamesField(assertProblem(hub.post("/api/v1/bookings",
                BookingFixtures.body(user, UUID.randomUUID().toString())), 404), "vehicleId");

        assertThat(TestCoordinator.lraIds()).as("LRAs started by refused requests").isSubsetOf(lrasBefore);
        assertThat(bookingRows()).isEqualTo(bookingsBefore);
    }

    @Test
    void startsTheSagaAndAnswersAcceptedWithTheBookingsLocation() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();

        HubClient.Response accepted = fixtures.book(user, vehicle);

        assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
        String bookingId = accepted.json().path("bookingId").asText();
        assertThat(accepted.json().path("status").asText()).isEqualTo("PENDING");
        assertThat(accepted.header("Location")).isEqualTo("/api/v1/bookings/" + bookingId);
        assertOnlyPublicHeaders(accepted);

        JsonNode booking = fixtures.booking(bookingId);
        assertThat(booking.path("bookingId").asText()).isEqualTo(bookingId);
        assertThat(booking.path("userId").asText()).isEqualTo(user);
        assertThat(booking.path("vehicleId").asText()).isEqualTo(vehicle);
        assertThat(booking.path("lraId").asText()).startsWith(TestCoordinator.get().url() + "/");
        // 2.50 + 1.20 x 4.371 km (haversine, Berlin Mitte -> Tiergarten)
        assertThat(booking.path("fare").decimalValue()).isEqualByComparingTo(
                Fares.fare(new BookingProperties.Tariff(new java.math.BigDecimal("2.50"), new java.math.BigDecimal("1.20")),
                        new com.mobilityhub.contracts.api.GeoPoint(52.52, 13.405),
                        new com.mobilityhub.contracts.api.GeoPoint(52.50, 13.35)));
        JsonNode first = booking.path("timeline").get(0);
        assertThat(first.path("service").asText()).isEqualTo("hub");
        assertThat(first.path("step").asText()).isEqualTo("start-booking");
        assertThat(first.path("outcome").asText()).isEqualTo("BookingRequested");
        assertThat(first.path("at").asText()).isNotBlank();
    }

    @Test
    void answersForTheSameBookingWhenTheSameIdempotencyKeyComesWithTheSameBody() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        String key = "retry-" + UUID.randomUUID();
        String body = BookingFixtures.body(user, vehicle);

        HubClient.Response first = fixtures.book(body, Map.of("Idempotency-Key", key));
        HubClient.Response again = fixtures.book(body.replace(",", " , "), Map.of("Idempotency-Key", key));

        assertThat(first.status()).as(first.toString()).isEqualTo(202);
        assertThat(again.status() / 100).as(again.toString()).isEqualTo(2);
        assertThat(again.json().path("bookingId").asText()).isEqualTo(first.json().path("bookingId").asText());
        assertThat(again.header("Location")).isEqualTo(first.header("Location"));
        assertThat(hubDatabase.queryForObject("select count(*) from booking where idempotency_key = ?", Long.class, key))
                .isEqualTo(1);
    }

    @Test
    void refusesAnIdempotencyKeyReusedForADifferentRequest() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        String key = "reused-" + UUID.randomUUID();
        assertThat(fixtures.book(BookingFixtures.body(user, vehicle), Map.of("Idempotency-Key", key)).status())
                .isEqualTo(202);
        List<String> lrasBefore = TestCoordinator.lraIds();

        HubClient.Response reused = fixtures.book(BookingFixtures.body(user, vehicle, BookingFixtures.PICKUP,
                "{\"lat\":52.40,\"lng\":13.30}"), Map.of("Idempotency-Key", key));

        assertNamesField(assertProblem(reused, 422), "Idempotency-Key");
        assertThat(TestCoordinator.lraIds()).isSubsetOf(lrasBefore);
    }

    @Test
    void listsAUsersBookingsByStatusAPageAtATime() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        for (int i = 0; i < 3; i++) {
            assertThat(fixtures.book(user, vehicle).status()).isEqualTo(202);
        }

        HubClient.Response all = hub.get("/api/v1/bookings?userId=" + user + "&size=2");
        assertThat(all.status()).as(all.toString()).isEqualTo(200);
        assertThat(all.json().path("items")).hasSize(2);
        assertThat(all.json().path("page").path("totalItems").asLong()).isEqualTo(3);
        assertThat(all.json().path("items").findValuesAsText("userId")).containsOnly(user);
        HubClient.Response second = hub.get("/api/v1/bookings?userId=" + user + "&size=2&page=1");
        assertThat(second.json().path("items")).hasSize(1);
        HubClient.Response cancelled = hub.get("/api/v1/bookings?userId=" + user + "&status=CANCELLED");
        assertThat(cancelled.json().path("items")).isEmpty();

        assertNamesField(assertProblem(hub.get("/api/v1/bookings?userId=nobody"), 400), "userId");
        assertNamesField(assertProblem(hub.get("/api/v1/bookings?status=LOST"), 400), "status");
        assertNamesField(assertProblem(hub.get("/api/v1/bookings?size=0"), 400), "size");
    }

    @Test
    void answersNotFoundForUnknownBookings() {
        assertProblem(hub.get("/api/v1/bookings/" + UUID.randomUUID()), 404);
        assertNamesField(assertProblem(hub.get("/api/v1/bookings/42"), 404), "id");
    }

    private long bookingRows() {
        return hubDatabase.queryForObject("select count(*) from booking", Long.class);
    }
}
