package com.mobilityhub.trips.trip;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.infra.TopicRecords;
import com.mobilityhub.trips.ApiClient;
import com.mobilityhub.trips.ConfirmedTrips;
import com.mobilityhub.trips.SagaInfrastructure;
import com.mobilityhub.trips.WholeTripService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rider's trip through real HTTP, PostgreSQL and Kafka: start, tracking points, completion, and the
 * TripStarted / TripCompleted events on the trips topic (keyed by trip id). Trips are seeded through the
 * repository as the booking saga would leave them (CREATED).
 */
@WholeTripService
class TripLifecycleIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    TripRepository trips;
    @Autowired
    JdbcTemplate jdbc;

    final ApiClient api = new ApiClient(SagaInfrastructure.appPort());

    @Test
    void startsTracksAndCompletesATripAndEmitsItsEvents() {
        Trip trip = createdTrip(UUID.randomUUID(), UUID.randomUUID());
        String id = trip.getId().toString();
        try (TopicRecords topic = TopicRecords.fromNow(Topics.TRIPS)) {
            ApiClient.Response started = api.post("/trips/" + id + "/start", null);
            assertThat(started.status()).as(started.toString()).isEqualTo(200);
            assertThat(started.json().path("status").asText()).isEqualTo("IN_PROGRESS");
            assertThat(started.json().path("startedAt").asText()).isNotEmpty();

            assertThat(api.post("/trips/" + id + "/locations", """
                    {"lat": 52.521, "lng": 13.401, "at": "2026-01-01T10:00:00Z"}""").status()).isEqualTo(200);
            ApiClient.Response tracked = api.post("/trips/" + id + "/locations", """
                    {"lat": 52.515, "lng": 13.390}""");
            assertThat(tracked.status()).as(tracked.toString()).isEqualTo(200);

            ApiClient.Response completed = api.post("/trips/" + id + "/complete", """
                    {"distanceKm": "12.345", "durationMinutes": 23.5, "energyKwh": 2.1}""");
            assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
            assertThat(completed.json().path("status").asText()).isEqualTo("COMPLETED");
            assertThat(completed.body()).contains("\"distanceKm\":12.345", "\"durationMinutes\":23.50", "\"energyKwh\":2.100");

            JsonNode view = api.get("/trips/" + id).json();
            assertThat(view.path("status").asText()).isEqualTo("COMPLETED");
            assertThat(view.path("route")).hasSize(2);
            assertThat(view.at("/route/0/lat").asDouble()).isEqualTo(52.521);
            assertThat(view.at("/route/0/at").asText()).isEqualTo("2026-01-01T10:00:00Z");
            assertThat(view.at("/route/1/sequence").asInt()).isEqualTo(1);
            assertThat(view.at("/measured/durationMinutes").decimalValue()).isEqualByComparingTo(new BigDecimal("23.50"));
            assertThat(view.at("/measured/energyKwh").decimalValue()).isEqualByComparingTo(new BigDecimal("2.100"));

            JsonNode startEvent = awaitEvent(topic, id, EventTypes.TRIP_STARTED);
            assertThat(startEvent.at("/data/vehicleId").asText()).isEqualTo(trip.getVehicleId().toString());
            JsonNode completeEvent = awaitEvent(topic, id, EventTypes.TRIP_COMPLETED);
            JsonNode data = completeEvent.path("data");
            assertThat(data.path("tripId").asText()).isEqualTo(id);
            assertThat(data.path("bookingId").asText()).isEqualTo(trip.getBookingId());
            assertThat(data.path("userId").asText()).isEqualTo(trip.getUserId().toString());
            assertThat(data.path("vehicleId").asText()).isEqualTo(trip.getVehicleId().toString());
            assertThat(data.path("distanceKm").decimalValue()).isEqualByComparingTo(new BigDecimal("12.345"));
            assertThat(data.path("durationMinutes").decimalValue()).isEqualByComparingTo(new BigDecimal("23.50"));
            assertThat(data.path("energyKwh").decimalValue()).isEqualByComparingTo(new BigDecimal("2.100"));
            assertThat(data.path("startedAt").asText()).isEqualTo(started.json().path("startedAt").asText());
            assertThat(data.path("completedAt").asText()).isEqualTo(completed.json().path("completedAt").asText());
            assertThat(completeEvent.path("version").asLong()).isGreaterThan(startEvent.path("version").asLong());
        }
    }

    @Test
    void refusesIllegalTransitionsWithConflictAndChangesNothing() {
        try (TopicRecords topic = TopicRecords.fromNow(Topics.TRIPS)) {
            Trip created = createdTrip(UUID.randomUUID(), UUID.randomUUID());
            String createdBefore = api.get("/trips/" + created.getId()).body();
            assertConflict(api.post("/trips/" + created.getId() + "/complete", measurements()));
            assertConflict(api.post("/trips/" + created.getId() + "/locations", "{\"lat\": 1.0, \"lng\": 2.0}"));
            assertThat(api.get("/trips/" + created.getId()).body()).isEqualTo(createdBefore);

            Trip cancelled = createdTrip(UUID.randomUUID(), UUID.randomUUID());
            cancelled.cancel(Instant.now());
            cancelled = trips.saveAndFlush(cancelled);
            String cancelledBefore = api.get("/trips/" + cancelled.getId()).body();
            assertConflict(api.post("/trips/" + cancelled.getId() + "/start", null));
            assertThat(api.get("/trips/" + cancelled.getId()).body()).isEqualTo(cancelledBefore);

            Trip done = createdTrip(UUID.randomUUID(), UUID.randomUUID());
            assertThat(api.post("/trips/" + done.getId() + "/start", null).status()).isEqualTo(200);
            assertThat(api.post("/trips/" + done.getId() + "/complete", measurements()).status()).isEqualTo(200);
            String completedOnce = api.get("/trips/" + done.getId()).body();
            assertThat(completedOnce).contains("\"distanceKm\":8.500");
            assertConflict(api.post("/trips/" + done.getId() + "/complete", """
                    {"distanceKm": 99, "durationMinutes": 99, "energyKwh": 99}"""));
            assertConflict(api.post("/trips/" + done.getId() + "/start", null));
            assertThat(api.get("/trips/" + done.getId()).body()).isEqualTo(completedOnce);

            // The outbox relays in commit order: once a later marker event is on the topic, anything the refused
            // requests could have emitted would be there too. TripStarted and TripCompleted came exactly once.
            Trip marker = createdTrip(UUID.randomUUID(), UUID.randomUUID());
            assertThat(api.post("/trips/" + marker.getId() + "/start", null).status()).isEqualTo(200);
            awaitEvent(topic, marker.getId().toString(), EventTypes.TRIP_STARTED);
            List<ConsumerRecord<String, String>> records = topic.readToEnd(WAIT);
            assertThat(count(records, done.getId().toString(), EventTypes.TRIP_COMPLETED)).isEqualTo(1);
            assertThat(count(records, done.getId().toString(), EventTypes.TRIP_STARTED)).isEqualTo(1);
            assertThat(records).noneMatch(r -> r.key().equals(created.getId().toString()));
        }
    }

    @Test
    void refusesToStartATripWhoseBookingIsNotConfirmedYet() {
        Trip trip = new ConfirmedTrips(trips, jdbc).withStep(UUID.randomUUID(), UUID.randomUUID(), "TRIP_CREATED");
        String before = api.get("/trips/" + trip.getId()).body();

        ApiClient.Response refused = api.post("/trips/" + trip.getId() + "/start", null);

        assertConflict(refused);
        assertThat(refused.json().path("title").asText()).isEqualTo("Booking not confirmed yet");
        assertThat(api.get("/trips/" + trip.getId()).body()).isEqualTo(before);
    }

    @Test
    void letsOnlyOneOfConcurrentCompletesWin() throws Exception {
        Trip trip = createdTrip(UUID.randomUUID(), UUID.randomUUID());
        assertThat(api.post("/trips/" + trip.getId() + "/start", null).status()).isEqualTo(200);

        List<Callable<Integer>> completes = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            String body = "{\"distanceKm\": " + i + ", \"durationMinutes\": " + i + ", \"energyKwh\": " + i + "}";
            completes.add(() -> api.post("/trips/" + trip.getId() + "/complete", body).status());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(completes.size())) {
            for (Future<Integer> status : pool.invokeAll(completes)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).containsOnly(200, 409);
        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        Trip stored = trips.findById(trip.getId()).orElseThrow();
        // The winner's measurements stand whole (distance, duration and energy carry the same number).
        assertThat(stored.getDurationMinutes()).isEqualByComparingTo(stored.getDistanceKm());
        assertThat(stored.getEnergyKwh()).isEqualByComparingTo(stored.getDistanceKm());
    }

    @Test
    void refusesMalformedMeasurementsNamingTheField() {
        Trip trip = createdTrip(UUID.randomUUID(), UUID.randomUUID());
        api.post("/trips/" + trip.getId() + "/start", null);

        assertBadField(api.post("/trips/" + trip.getId() + "/complete", """
                {"distanceKm": 1, "durationMinutes": 1}"""), "energyKwh");
        assertBadField(api.post("/trips/" + trip.getId() + "/complete", """
                {"distanceKm": -1, "durationMinutes": 1, "energyKwh": 1}"""), "distanceKm");
        assertBadField(api.post("/trips/" + trip.getId() + "/complete", """
                {"distanceKm": 1.0001, "durationMinutes": 1, "energyKwh": 1}"""), "distanceKm");
        assertBadField(api.post("/trips/" + trip.getId() + "/locations", """
                {"lat": 91, "lng": 1}"""), "lat");
        assertThat(api.post("/trips/" + UUID.randomUUID() + "/start", null).status()).isEqualTo(404);
        assertBadField(api.post("/trips/not-a-trip/start", null), "id");

        assertThat(api.get("/trips/" + trip.getId()).json().path("status").asText()).isEqualTo("IN_PROGRESS");
    }

    static String measurements() {
        return """
                {"distanceKm": 8.5, "durationMinutes": 14, "energyKwh": 1.25}""";
    }

    private Trip createdTrip(UUID userId, UUID vehicleId) {
        return new ConfirmedTrips(trips, jdbc).confirmed(userId, vehicleId);
    }


    private static void assertConflict(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(409);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(409);
    }

    private static void assertBadField(ApiClient.Response response, String field) {
        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemFields()).contains(field);
    }

    static JsonNode awaitEvent(TopicRecords topic, String key, String eventType) {
        return topic.awaitUntil(records -> count(records, key, eventType) > 0, WAIT).stream()
                .filter(r -> key.equals(r.key()) && eventType.equals(json(r).path("eventType").asText()))
                .map(TripLifecycleIT::json).findFirst().orElseThrow();
    }

    static long count(List<ConsumerRecord<String, String>> records, String key, String eventType) {
        return records.stream().filter(r -> key.equals(r.key()) && eventType.equals(json(r).path("eventType").asText()))
                .count();
    }

    static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
