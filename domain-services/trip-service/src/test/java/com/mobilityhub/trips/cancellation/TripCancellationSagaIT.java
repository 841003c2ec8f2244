package com.mobilityhub.trips.cancellation;

import com.mobilityhub.infra.SagaEventPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.BookingCancellationRequested;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.Money;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.infra.TopicRecords;
import com.mobilityhub.trips.ApiClient;
import com.mobilityhub.trips.ConfirmedTrips;
import com.mobilityhub.trips.LraClient;
import com.mobilityhub.trips.SagaInfrastructure;
import com.mobilityhub.trips.WholeTripService;
import com.mobilityhub.trips.trip.Trip;
import com.mobilityhub.trips.trip.TripRepository;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The cancellation saga's pivot cancel-trip-for-booking through the real coordinator, Kafka and PostgreSQL:
 * the test plays the hub (starts, closes and cancels the cancellation's LRA, publishes
 * BookingCancellationRequested) and reads what trip-service emits on the trips topic.
 */
@WholeTripService
class TripCancellationSagaIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    /** One partition: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @Autowired
    TripRepository trips;
    @Autowired
    JdbcTemplate jdbc;

    final int port = SagaInfrastructure.appPort();
    final LraClient coordinator = new LraClient(SagaInfrastructure.coordinator().baseUrl());
    final ApiClient api = new ApiClient(port);
    SagaEventPublisher events;

    @BeforeEach
    void producer() {
        events = new SagaEventPublisher(Topics.BOOKINGS);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    @Test
    void cancelsACreatedTripAndKeepsItCancelledWhenTheLraCloses() {
        Trip trip = new ConfirmedTrips(trips, jdbc).confirmed(UUID.randomUUID(), UUID.randomUUID());
        UUID bookingId = UUID.fromString(trip.getBookingId());
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords events = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(request(trip, "1.84"), lra);

            ConsumerRecord<String, String> accepted = awaitEvent(events, bookingId, EventTypes.TRIP_CANCELLATION_ACCEPTED);
            assertThat(TopicRecords.header(accepted, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(accepted).at("/data/tripId").asText()).isEqualTo(trip.getId().toString());
            assertThat(json(accepted).at("/data/fee/amount").decimalValue()).isEqualByComparingTo("1.84");
            assertThat(json(accepted).at("/data/fee/currency").asText()).isEqualTo("EUR");
            assertThat(tripStatus(trip)).isEqualTo("CANCELLED");
            // A cancelled trip cannot start, whatever happens to the LRA meanwhile.
            assertThat(api.post("/trips/" + trip.getId() + "/start", null).status()).isEqualTo(409);

            // Only a joined participant is called back: the completion proves trip-service joined the LRA.
            coordinator.close(lra);
            await().atMost(WAIT).until(() -> participationDetail(bookingId).contains("cancellation COMPLETED"));
            assertThat(tripStatus(trip)).isEqualTo("CANCELLED");
        }
    }

    @Test
    void refusesOnceTheTripHasStartedAndChangesNothing() {
        Trip trip = new ConfirmedTrips(trips, jdbc).confirmed(UUID.randomUUID(), UUID.randomUUID());
        UUID bookingId = UUID.fromString(trip.getBookingId());
        assertThat(api.post("/trips/" + trip.getId() + "/start", null).status()).isEqualTo(200);
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords events = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(request(trip, "1.00"), lra);

            ConsumerRecord<String, String> refused = awaitEvent(events, bookingId, EventTypes.TRIP_CANCELLATION_REFUSED);
            assertThat(TopicRecords.header(refused, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(refused).at("/data/tripStatus").asText()).isEqualTo("IN_PROGRESS");
            assertThat(tripStatus(trip)).isEqualTo("IN_PROGRESS");

            // The hub cancels the LRA on the refusal: the compensation finds nothing of its own to undo.
            coordinator.cancel(lra);
            await().atMost(WAIT).until(() -> participationDetail(bookingId).contains("cancellation REFUSED"));
            assertThat(tripStatus(trip)).isEqualTo("IN_PROGRESS");
            assertThat(events.readToEnd(Duration.ofSeconds(5))).noneMatch(r -> isEvent(r, bookingId, EventTypes.TRIP_REINSTATED));
        }
    }

    @Test
    void aCancelledLraReinstatesTheTripOnceAndAReplayedRequestChangesNothing() {
        Trip trip = new ConfirmedTrips(trips, jdbc).confirmed(UUID.randomUUID(), UUID.randomUUID());
        UUID bookingId = UUID.fromString(trip.getBookingId());
        String lra = coordinator.start(TIME_LIMIT);
        EventEnvelope request = request(trip, "1.00");
        try (TopicRecords events = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(request, lra);
            publish(request, lra);
            awaitEvent(events, bookingId, EventTypes.TRIP_CANCELLATION_ACCEPTED);

            coordinator.cancel(lra);
            awaitEvent(events, bookingId, EventTypes.TRIP_REINSTATED);
            assertThat(tripStatus(trip)).isEqualTo("CREATED");
            // The coordinator repeats a callback whose answer it missed.
            assertThat(coordinator.callParticipant(LraClient.participantUrl(port, "compensate", "reinstate-trip",
                    bookingId.toString()), lra)).isBetween(200, 299);
            // Events leave the outbox in commit order: once a later booking's event is out, a second undo would be too.
            Trip marker = new ConfirmedTrips(trips, jdbc).confirmed(UUID.randomUUID(), UUID.randomUUID());
            String markerLra = coordinator.start(TIME_LIMIT);
            publish(request(marker, "0.00"), markerLra);
            List<ConsumerRecord<String, String>> seen = events.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(marker.getBookingId())), WAIT);

            assertThat(seen).filteredOn(r -> r.key().equals(bookingId.toString()))
                    .extracting(r -> json(r).path("eventType").asText())
                    .containsExactly(EventTypes.TRIP_CANCELLATION_ACCEPTED, EventTypes.TRIP_REINSTATED);
            assertThat(tripStatus(trip)).isEqualTo("CREATED");
            assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                    request.eventId())).isEqualTo(1);
            coordinator.cancel(markerLra);
        }
        // The rider may start the reinstated trip.
        assertThat(api.post("/trips/" + trip.getId() + "/start", null).status()).isEqualTo(200);
    }

    @Test
    void aCompensationBeforeTheStepRefusesTheLateStep() {
        Trip trip = new ConfirmedTrips(trips, jdbc).confirmed(UUID.randomUUID(), UUID.randomUUID());
        UUID bookingId = UUID.fromString(trip.getBookingId());
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords events = TopicRecords.fromNow(Topics.TRIPS)) {
            // The coordinator's compensation overtakes the request (e.g. the time limit passed while it queued).
            assertThat(coordinator.callParticipant(LraClient.participantUrl(port, "compensate", "reinstate-trip",
                    bookingId.toString()), lra)).isBetween(200, 299);
            assertThat(participationDetail(bookingId)).contains("cancellation DROPPED_BEFORE_STEP");

            publish(request(trip, "1.00"), lra);
            Trip marker = new ConfirmedTrips(trips, jdbc).confirmed(UUID.randomUUID(), UUID.randomUUID());
            publish(request(marker, "0.00"), lra);
            List<ConsumerRecord<String, String>> seen = events.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(marker.getBookingId())), WAIT);

            assertThat(seen).noneMatch(r -> r.key().equals(bookingId.toString()));
            assertThat(tripStatus(trip)).isEqualTo("CREATED");
        }
        coordinator.cancel(lra);
    }

    private static EventEnvelope request(Trip trip, String fee) {
        UUID bookingId = UUID.fromString(trip.getBookingId());
        BookingSnapshot booking = new BookingSnapshot(bookingId, trip.getUserId(), trip.getVehicleId(),
                new GeoPoint(52.52, 13.405), new GeoPoint(52.50, 13.37), new BigDecimal("18.40"));
        return EventEnvelope.of(EventTypes.BOOKING_CANCELLATION_REQUESTED, bookingId.toString(), 3,
                EventJson.mapper().valueToTree(new BookingCancellationRequested(booking, trip.getId(),
                        new Money(new BigDecimal(fee), "EUR"), Instant.now())));
    }

    private void publish(EventEnvelope event, String lra) {
        events.publish(Topics.BOOKINGS, PARTITION, event, lra);
    }

    private String tripStatus(Trip trip) {
        return api.get("/trips/" + trip.getId()).json().path("status").asText();
    }

    private String participationDetail(UUID bookingId) {
        ApiClient.Response response = api.get("/saga/participations?bookingIds=" + bookingId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/items/0/detail").asText();
    }

    private static ConsumerRecord<String, String> awaitEvent(TopicRecords topic, UUID bookingId, String eventType) {
        return topic.awaitUntil(records -> records.stream().anyMatch(r -> isEvent(r, bookingId, eventType)), WAIT)
                .stream().filter(r -> isEvent(r, bookingId, eventType)).findFirst().orElseThrow();
    }

    private static boolean isEvent(ConsumerRecord<String, String> record, UUID bookingId, String eventType) {
        return bookingId.toString().equals(record.key()) && eventType.equals(json(record).path("eventType").asText());
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
