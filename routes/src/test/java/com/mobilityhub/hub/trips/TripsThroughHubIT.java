package com.mobilityhub.hub.trips;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A trip's life through the hub, with the real services behind it. The trip is seeded in trip-service's
 * database as the booking saga leaves it (CREATED, step CONFIRMED), so this class proves the trip API and
 * the completion choreography, not the saga (BookingSagaIT does). The rider starts, tracks and completes
 * it; vehicle-service adds the mileage and trip-service counts it in the analytics.
 */
class TripsThroughHubIT extends ThroughTheHub {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Test
    void aTripIsStartedTrackedAndCompletedAndCountsInTheVehiclesMileageAndAnalytics() {
        String userId = UUID.randomUUID().toString();
        String vehicleId = registerVehicle();
        String tripId = confirmedTrip(userId, vehicleId);

        HubClient.Response started = post("/api/v1/trips/" + tripId + "/start", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().path("status").asText()).isEqualTo("IN_PROGRESS");
        assertOnlyPublicHeaders(started);

        assertThat(hub.post("/api/v1/trips/" + tripId + "/locations", "{\"lat\":52.515,\"lng\":13.39}").status())
                .isEqualTo(200);
        assertThat(hub.post("/api/v1/trips/" + tripId + "/locations", "{\"lat\":52.505,\"lng\":13.36}").status())
                .isEqualTo(200);
        HubClient.Response completed = hub.post("/api/v1/trips/" + tripId + "/complete",
                "{\"distanceKm\":\"4.375\",\"durationMinutes\":11.5,\"energyKwh\":0.8}");
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(completed.body()).contains("\"distanceKm\":4.375");

        JsonNode trip = hub.get("/api/v1/trips/" + tripId).json();
        assertThat(trip.path("route")).hasSize(2);
        assertThat(trip.at("/route/1/lat").asDouble()).isEqualTo(52.505);
        HubClient.Response listed = hub.get("/api/v1/trips?userId=" + userId + "&status=COMPLETED&size=5");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().path("items").findValuesAsText("id")).containsExactly(tripId);

        await().atMost(WAIT).until(() -> vehicle(vehicleId).path("mileageKm").asDouble() > 0);
        assertThat(vehicle(vehicleId).path("mileageKm").decimalValue()).isEqualByComparingTo("4.375");
        await().atMost(WAIT).until(() -> hub.get("/api/v1/analytics/vehicles/" + vehicleId).json()
                .path("trips").asLong() == 1);
        JsonNode riderFigures = hub.get("/api/v1/analytics/users/" + userId).json();
        assertThat(riderFigures.path("trips").asLong()).isEqualTo(1);
        assertThat(riderFigures.path("distanceKm").decimalValue()).isEqualByComparingTo("4.375");
        assertThat(riderFigures.path("energyKwh").decimalValue()).isEqualByComparingTo("0.8");
    }

    @Test
    void illegalTransitionsAnswerConflictAndChangeNothing() {
        String tripId = confirmedTrip(UUID.randomUUID().toString(), registerVehicle());

        assertProblem(hub.post("/api/v1/trips/" + tripId + "/complete",
                "{\"distanceKm\":1,\"durationMinutes\":1,\"energyKwh\":1}"), 409);
        assertThat(hub.get("/api/v1/trips/" + tripId).json().path("status").asText()).isEqualTo("CREATED");

        assertThat(post("/api/v1/trips/" + tripId + "/start", null).status()).isEqualTo(200);
        assertProblem(post("/api/v1/trips/" + tripId + "/start", null), 409);
        assertNamesField(assertProblem(hub.post("/api/v1/trips/" + tripId + "/complete",
                "{\"distanceKm\":1,\"durationMinutes\":1}"), 400), "energyKwh");
        assertThat(hub.get("/api/v1/trips/" + tripId).json().path("status").asText()).isEqualTo("IN_PROGRESS");

        assertProblem(post("/api/v1/trips/" + UUID.randomUUID() + "/start", null), 404);
        assertProblem(hub.get("/api/v1/trips/not-a-uuid"), 404);
        assertNamesField(assertProblem(hub.get("/api/v1/trips"), 400), "userId");
    }

    @Test
    void theOpenApiDocumentListsTheTripAndAnalyticsOperations() {
        HubClient.Response document = hub.get("/api/v1/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().path("paths");
        assertThat(paths.has("/trips/{id}/start")).as(paths.toString()).isTrue();
        assertThat(paths.has("/trips/{id}/locations")).isTrue();
        assertThat(paths.has("/trips/{id}/complete")).isTrue();
        assertThat(paths.has("/trips/{id}")).isTrue();
        assertThat(paths.has("/trips")).isTrue();
        assertThat(paths.has("/analytics/vehicles/{id}")).isTrue();
        assertThat(paths.has("/analytics/users/{id}")).isTrue();
    }

    /** A CREATED trip whose booking's saga step is CONFIRMED, written where the saga would write it. */
    private String confirmedTrip(String userId, String vehicleId) {
        JdbcTemplate trips = services().trips().context().getBean(JdbcTemplate.class);
        UUID tripId = UUID.randomUUID();
        UUID bookingId = UUID.randomUUID();
        Timestamp now = Timestamp.from(Instant.now());
        trips.update("""
                        insert into trip (id, booking_id, user_id, vehicle_id, status, pickup_lat, pickup_lng,
                                          dropoff_lat, dropoff_lng, fare, created_at, updated_at, version)
                        values (?, ?, ?::uuid, ?::uuid, 'CREATED', 52.52, 13.405, 52.50, 13.35, 7.30, ?, ?, 0)""",
                tripId, bookingId.toString(), userId, vehicleId, now, now);
        trips.update("""
                        insert into trip_booking_step (booking_id, state, trip_id, booking, updated_at, version)
                        values (?, 'CONFIRMED', ?, ?, ?, 1)""",
                bookingId, tripId, "{\"bookingId\":\"" + bookingId + "\"}", now);
        return tripId.toString();
    }

    /** A POST as a client sends it (a command without a body has none). */
    private HubClient.Response post(String path, String body) {
        return hub.send(path, body == null ? Map.of() : Map.of("Content-Type", "application/json"), "POST", body);
    }

    private String registerVehicle() {
        HubClient.Response created = hub.post("/api/v1/vehicles", "{\"vin\":\"" + newVin()
                + "\",\"model\":\"Trip Pod\",\"location\":{\"lat\":52.52,\"lng\":13.40}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private JsonNode vehicle(String vehicleId) {
        return hub.get("/api/v1/vehicles/" + vehicleId).json();
    }
}
