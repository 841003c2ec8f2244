package com.mobilityhub.trips.booking;

import com.mobilityhub.infra.SagaEventPublisher;
import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingSagaEvents.VehicleReserved;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.trips.ApiClient;
import com.mobilityhub.trips.LraClient;
import com.mobilityhub.trips.SagaInfrastructure;
import com.mobilityhub.trips.WholeTripService;
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
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step create-trip of the booking saga, through the real coordinator, Kafka and PostgreSQL: the test
 * plays the hub (starts, closes and cancels LRAs) and vehicle-service (publishes VehicleReserved with
 * the LRA header), and reads what trip-service emits on the trips topic.
 */
@WholeTripService
class TripBookingSagaIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    /** Records on one partition are consumed in order: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @Autowired
    JdbcTemplate jdbc;

    final int port = SagaInfrastructure.appPort();
    final LraClient coordinator = new LraClient(SagaInfrastructure.coordinator().baseUrl());
    final ApiClient api = new ApiClient(port);
    SagaEventPublisher events;

    @BeforeEach
    void producer() {
        events = new SagaEventPublisher(Topics.VEHICLES);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    @Test
    void createsTheTripInTheBookingsLraAndKeepsItWhenTheLraCloses() {
        BookingSnapshot booking = booking();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords trips = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(vehicleReserved(booking), lra);

            ConsumerRecord<String, String> created = awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CREATED);
            assertThat(created.key()).isEqualTo(booking.bookingId().toString());
            assertThat(TopicRecords.header(created, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            JsonNode data = json(created).path("data");
            assertThat(data.at("/booking/bookingId").asText()).isEqualTo(booking.bookingId().toString());
            UUID tripId = UUID.fromString(data.path("tripId").asText());

            JsonNode trip = api.get("/trips/" + tripId).json();
            assertThat(trip.path("status").asText()).isEqualTo("CREATED");
            assertThat(trip.path("bookingId").asText()).isEqualTo(booking.bookingId().toString());
            assertThat(trip.path("userId").asText()).isEqualTo(booking.userId().toString());
            assertThat(trip.path("vehicleId").asText()).isEqualTo(booking.vehicleId().toString());
            assertThat(trip.path("fare").decimalValue()).isEqualByComparingTo(booking.fare());
            assertThat(trip.at("/pickup/lat").asDouble()).isEqualTo(booking.pickup().lat());
            assertThat(participation(booking.bookingId())).isEqualTo("ACTIVE");

            // Only a joined participant is called back: the completion proves trip-service joined the LRA.
            coordinator.close(lra);
            await().atMost(WAIT).until(() -> participation(booking.bookingId()).equals("COMPLETED"));
            assertThat(api.get("/trips/" + tripId).json().path("status").asText()).isEqualTo("CREATED");
        }
    }

    @Test
    void cancelsTheTripWhenTheLraIsCancelled() {
        BookingSnapshot booking = booking();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords trips = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(vehicleReserved(booking), lra);
            UUID tripId = UUID.fromString(json(awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CREATED))
                    .at("/data/tripId").asText());

            coordinator.cancel(lra);

            ConsumerRecord<String, String> cancelled = awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CANCELLED);
            assertThat(cancelled.key()).isEqualTo(booking.bookingId().toString());
            assertThat(TopicRecords.header(cancelled, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(cancelled).at("/data/tripId").asText()).isEqualTo(tripId.toString());
            assertThat(json(cancelled).at("/data/booking/userId").asText()).isEqualTo(booking.userId().toString());
            assertThat(api.get("/trips/" + tripId).json().path("status").asText()).isEqualTo("CANCELLED");
            assertThat(participation(booking.bookingId())).isEqualTo("COMPENSATED");
        }
    }

    @Test
    void rejectsABookingItCannotMakeATripOf() {
        BookingSnapshot booking = booking();
        BookingSnapshot withoutDropoff = new BookingSnapshot(booking.bookingId(), booking.userId(), booking.vehicleId(),
                booking.pickup(), null, booking.fare());
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords trips = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(vehicleReserved(withoutDropoff), lra);

            ConsumerRecord<String, String> rejected = awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_REJECTED);
            assertThat(TopicRecords.header(rejected, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(rejected).at("/data/reason").asText()).isEqualTo("TRIP_REJECTED");
            assertThat(json(rejected).at("/data/detail").asText()).contains("dropoff");
            assertThat(tripsOf(booking.bookingId())).isZero();
            assertThat(participation(booking.bookingId())).isEqualTo("FAILED");

            // The hub compensates on the failure: the failing step's own compensation is called too.
            coordinator.cancel(lra);
            ConsumerRecord<String, String> undo = awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CANCELLED);
            assertThat(json(undo).at("/data/tripId").isNull()).isTrue();
            assertThat(participation(booking.bookingId())).isEqualTo("FAILED");
        }
    }

    @Test
    void compensationBeforeTheStepRefusesTheLateStep() {
        BookingSnapshot booking = booking();
        String bookingId = booking.bookingId().toString();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords trips = TopicRecords.fromNow(Topics.TRIPS);
             TopicRecords deadLetters = TopicRecords.fromNow(Topics.deadLetterOf(Topics.VEHICLES))) {
            // trip-service is enlisted exactly as camel-lra enlists it, but its VehicleReserved is still on the
            // way when the LRA is cancelled (e.g. by its time limit).
            coordinator.join(lra, LraClient.participantUrl(port, "compensate", "cancel-trip", bookingId),
                    LraClient.participantUrl(port, "complete", "confirm-trip", bookingId));
            coordinator.cancel(lra);

            ConsumerRecord<String, String> cancelled = awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CANCELLED);
            assertThat(TopicRecords.header(cancelled, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(cancelled).at("/data/tripId").isNull()).isTrue();
            assertThat(participation(booking.bookingId())).isEqualTo("COMPENSATED");

            // The late step under the ended LRA cannot join it: refused, and kept on the dead-letter topic.
            publish(vehicleReserved(booking), lra);
            List<ConsumerRecord<String, String>> refused = deadLetters.awaitUntil(
                    records -> records.stream().anyMatch(r -> bookingId.equals(r.key())), WAIT);
            assertThat(refused).filteredOn(r -> bookingId.equals(r.key())).hasSize(1);

            // The late step that did join (its LRA still open, the compensation committed first) meets the
            // tombstone: no trip, and TripRejected so the hub ends the saga.
            String stillOpen = coordinator.start(TIME_LIMIT);
            publish(vehicleReserved(booking), stillOpen);
            ConsumerRecord<String, String> rejected = awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_REJECTED);
            assertThat(TopicRecords.header(rejected, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(stillOpen);
            assertThat(json(rejected).at("/data/reason").asText()).isEqualTo("TRIP_REJECTED");
            coordinator.cancel(stillOpen);
        }
        assertThat(tripsOf(booking.bookingId())).isZero();
        assertThat(participation(booking.bookingId())).isEqualTo("COMPENSATED");
    }

    @Test
    void duplicateEventChangesNothing() {
        BookingSnapshot booking = booking();
        BookingSnapshot later = booking();
        String lra = coordinator.start(TIME_LIMIT);
        String laterLra = coordinator.start(TIME_LIMIT);
        EventEnvelope reserved = vehicleReserved(booking);
        try (TopicRecords trips = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(reserved, lra);
            publish(reserved, lra);
            publish(vehicleReserved(later), laterLra);

            List<ConsumerRecord<String, String>> seen = trips.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(later.bookingId().toString())), WAIT);

            assertThat(seen).filteredOn(r -> r.key().equals(booking.bookingId().toString())).hasSize(1)
                    .allSatisfy(r -> assertThat(json(r).path("eventType").asText()).isEqualTo(EventTypes.TRIP_CREATED));
        }
        assertThat(tripsOf(booking.bookingId())).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                reserved.eventId())).isEqualTo(1);
        coordinator.close(lra);
        coordinator.close(laterLra);
        await().atMost(WAIT).until(() -> participation(booking.bookingId()).equals("COMPLETED"));
    }

    @Test
    void compensationArrivingTwiceUndoesOnce() {
        BookingSnapshot booking = booking();
        String bookingId = booking.bookingId().toString();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords trips = TopicRecords.fromNow(Topics.TRIPS)) {
            publish(vehicleReserved(booking), lra);
            UUID tripId = UUID.fromString(json(awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CREATED))
                    .at("/data/tripId").asText());
            coordinator.cancel(lra);
            awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CANCELLED);

            // The coordinator repeats a callback whose answer it missed: the same PUT again.
            assertThat(coordinator.callParticipant(
                    LraClient.participantUrl(port, "compensate", "cancel-trip", bookingId), lra)).as("a 2xx answer").isBetween(200, 299);
            // Events leave the outbox in commit order: once this marker is out, a second undo would be too.
            UUID marker = UUID.randomUUID();
            assertThat(coordinator.callParticipant(
                    LraClient.participantUrl(port, "compensate", "cancel-trip", marker.toString()), lra)).as("a 2xx answer").isBetween(200, 299);
            List<ConsumerRecord<String, String>> seen = trips.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(marker.toString())), WAIT);

            assertThat(seen).filteredOn(r -> r.key().equals(bookingId))
                    .extracting(r -> json(r).path("eventType").asText())
                    .containsExactly(EventTypes.TRIP_CREATED, EventTypes.TRIP_CANCELLED);
            assertThat(api.get("/trips/" + tripId).json().path("status").asText()).isEqualTo("CANCELLED");
        }
    }

    @Test
    void ignoresOtherVehicleEvents() {
        BookingSnapshot booking = booking();
        UUID vehicle = UUID.randomUUID();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords trips = TopicRecords.fromNow(Topics.TRIPS);
             TopicRecords deadLetters = TopicRecords.fromNow(Topics.deadLetterOf(Topics.VEHICLES))) {
            // No LRA header: had it reached the saga step, its join would fail and dead-letter it.
            EventEnvelope statusChanged = EventEnvelope.of(EventTypes.VEHICLE_STATUS_CHANGED, vehicle.toString(), 3,
                    EventJson.mapper().createObjectNode().put("status", "MAINTENANCE"));
            publish(statusChanged, null);
            publish(vehicleReserved(booking), lra);

            awaitEvent(trips, booking.bookingId(), EventTypes.TRIP_CREATED);
            assertThat(deadLetters.readToEnd(WAIT)).noneMatch(r -> vehicle.toString().equals(r.key()));
            assertThat(trips.readToEnd(WAIT)).noneMatch(r -> vehicle.toString().equals(r.key()));
        }
        coordinator.close(lra);
    }

    @Test
    void answersNoneForABookingItNeverHeardOfAndRefusesBadIds() {
        UUID unknown = UUID.randomUUID();
        JsonNode listing = api.get("/saga/participations?bookingIds=" + unknown).json();
        assertThat(listing.at("/items/0/bookingId").asText()).isEqualTo(unknown.toString());
        assertThat(listing.at("/items/0/service").asText()).isEqualTo("trip-service");
        assertThat(listing.at("/items/0/state").asText()).isEqualTo("NONE");

        ApiClient.Response bad = api.get("/saga/participations?bookingIds=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.problemFields()).containsExactly("bookingIds");
        assertThat(api.get("/saga/participations").status()).isEqualTo(400);
    }

    private static BookingSnapshot booking() {
        return new BookingSnapshot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.37), new BigDecimal("18.40"));
    }

    private static EventEnvelope vehicleReserved(BookingSnapshot booking) {
        return EventEnvelope.of(EventTypes.VEHICLE_RESERVED, booking.bookingId().toString(), 2,
                EventJson.mapper().valueToTree(new VehicleReserved(booking, UUID.randomUUID())));
    }

    private void publish(EventEnvelope event, String lra) {
        events.publish(Topics.VEHICLES, PARTITION, event, lra);
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

    private String participation(UUID bookingId) {
        ApiClient.Response response = api.get("/saga/participations?bookingIds=" + bookingId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().at("/items/0/state").asText();
    }

    private long tripsOf(UUID bookingId) {
        return jdbc.queryForObject("select count(*) from trip where booking_id = ?", Long.class, bookingId.toString());
    }
}
