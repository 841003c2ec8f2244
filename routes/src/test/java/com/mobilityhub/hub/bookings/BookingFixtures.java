package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Riders, vehicles and bookings made through the hub's public API. */
final class BookingFixtures {

    static final String PICKUP = "{\"lat\":52.5200,\"lng\":13.4050}";
    static final String DROPOFF = "{\"lat\":52.5000,\"lng\":13.3500}";
    private static final String VIN_CHARACTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED", "CANCELLED");

    private final HubClient hub;

    BookingFixtures(HubClient hub) {
        this.hub = hub;
    }

    String registerUser(String credits) {
        HubClient.Response created = hub.post("/api/v1/users", "{\"name\":\"Booking Rider\",\"email\":\"rider-"
                + UUID.randomUUID() + "@example.com\",\"initialCredits\":" + credits + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    String registerVehicle() {
        HubClient.Response created = hub.post("/api/v1/vehicles", "{\"vin\":\"" + vin()
                + "\",\"model\":\"Saga Shuttle\",\"location\":{\"lat\":52.52,\"lng\":13.40}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    static String body(String userId, String vehicleId) {
        return body(userId, vehicleId, PICKUP, DROPOFF);
    }

    static String body(String userId, String vehicleId, String pickup, String dropoff) {
        return "{\"userId\":\"" + userId + "\",\"vehicleId\":\"" + vehicleId + "\",\"pickup\":" + pickup
                + ",\"dropoff\":" + dropoff + "}";
    }

    HubClient.Response book(String userId, String vehicleId) {
        return hub.post("/api/v1/bookings", body(userId, vehicleId));
    }

    HubClient.Response book(String body, Map<String, String> headers) {
        java.util.Map<String, String> all = new java.util.HashMap<>(headers);
        all.put("Content-Type", "application/json");
        return hub.send("/api/v1/bookings", all, "POST", body);
    }

    HubClient.Response bookAndWait(String userId, String vehicleId, int seconds) {
        return book(body(userId, vehicleId), Map.of("Prefer", "wait=" + seconds));
    }

    JsonNode booking(String bookingId) {
        HubClient.Response read = hub.get("/api/v1/bookings/" + bookingId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return read.json();
    }

    /** Polls the booking until its saga concluded (bounded). */
    JsonNode awaitTerminal(String bookingId, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(200))
                .until(() -> TERMINAL.contains(booking(bookingId).path("status").asText()));
        return booking(bookingId);
    }

    JsonNode creditAccount(String userId) {
        HubClient.Response account = hub.get("/api/v1/users/" + userId + "/credit-account");
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
        return account.json();
    }

    JsonNode consistency() {
        HubClient.Response report = hub.get("/api/v1/admin/consistency");
        assertThat(report.status()).as(report.toString()).isEqualTo(200);
        return report.json();
    }

    static String vin() {
        StringBuilder vin = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(VIN_CHARACTERS.length())));
        }
        return vin.toString();
    }
}
