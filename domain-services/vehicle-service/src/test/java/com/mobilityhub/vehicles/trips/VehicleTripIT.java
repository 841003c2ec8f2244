package com.mobilityhub.vehicles.trips;

import com.mobilityhub.infra.SagaEventPublisher;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsReserved;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.trips.TripEvents.TripCompleted;
import com.mobilityhub.contracts.trips.TripEvents.TripStarted;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.infra.TopicRecords;
import com.mobilityhub.vehicles.ApiClient;
import com.mobilityhub.vehicles.Lras;
import com.mobilityhub.vehicles.SagaCoordinator;
import com.mobilityhub.vehicles.Vehicles;
import com.mobilityhub.vehicles.WholeVehicleService;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * vehicle-service in the trip's life through real Kafka and PostgreSQL: the vehicle is reserved by the
 * real booking saga step (the test plays the hub and user-service), then the test plays trip-service
 * and publishes TripStarted and TripCompleted on the trips topic.
 */
@WholeVehicleService
class VehicleTripIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** Everything on one partition is consumed in order: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @Autowired
    JdbcTemplate jdbc;

    final ApiClient api = new ApiClient(SagaCoordinator.appPort());
    SagaEventPublisher saga;
    KafkaProducer<String, String> producer;

    @BeforeEach
    void connect() {
        saga = new SagaEventPublisher(Topics.USERS);
        SharedInfrastructure.get().kafka().createTopics(List.of(Topics.TRIPS, Topics.deadLetterOf(Topics.TRIPS)), 3);
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterEach
    void disconnect() {
        saga.close();
        producer.close();
    }

    @Test
    void putsTheReservedVehicleInUseAndFreesItWithTheTripsMileageOnce() throws Exception {
        UUID vehicle = Vehicles.register(api).id();
        UUID booking = reserveThroughTheSaga(vehicle);
        UUID trip = UUID.randomUUID();
        Instant startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);

        publish(EventEnvelope.of(EventTypes.TRIP_STARTED, trip.toString(), 2, EventJson.mapper().valueToTree(
                new TripStarted(trip, booking.toString(), UUID.randomUUID(), vehicle, startedAt))));
        await().atMost(WAIT).until(() -> "IN_USE".equals(status(vehicle)));
        assertThat(reservationStatus(booking)).isEqualTo("CONSUMED");

        EventEnvelope completed = EventEnvelope.of(EventTypes.TRIP_COMPLETED, trip.toString(), 3,
                EventJson.mapper().valueToTree(new TripCompleted(trip, booking.toString(), UUID.randomUUID(), vehicle,
                        new BigDecimal("12.345"), new BigDecimal("20.00"), new BigDecimal("2.000"), startedAt,
                        startedAt.plusSeconds(1200))));
        publish(completed);
        publish(completed);
        // The same trip under a new event id (a replayed topic): the trip's mileage still counts once.
        publish(new EventEnvelope(UUID.randomUUID(), completed.aggregateId(), completed.eventType(),
                completed.occurredAt(), completed.version(), completed.data()));
        UUID marker = markerTripOnAnotherVehicle();

        await().atMost(WAIT).until(() -> mileage(marker).signum() > 0);
        assertThat(status(vehicle)).isEqualTo("AVAILABLE");
        assertThat(mileage(vehicle)).isEqualByComparingTo("12.345");
        assertThat(jdbc.queryForObject("select distance_km from vehicle_trip where trip_id = ?", BigDecimal.class, trip))
                .isEqualByComparingTo("12.345");
        assertThat(reservationStatus(booking)).isEqualTo("CONSUMED");
    }

    @Test
    void freesTheReservedVehicleWhenOnlyTheTripCompletedArrives() throws Exception {
        UUID vehicle = Vehicles.register(api).id();
        UUID booking = reserveThroughTheSaga(vehicle);
        UUID trip = UUID.randomUUID();
        Instant now = Instant.now();

        publish(EventEnvelope.of(EventTypes.TRIP_COMPLETED, trip.toString(), 3, EventJson.mapper().valueToTree(
                new TripCompleted(trip, booking.toString(), UUID.randomUUID(), vehicle, new BigDecimal("3.500"),
                        BigDecimal.TEN, BigDecimal.ONE, null, now))));

        await().atMost(WAIT).until(() -> "AVAILABLE".equals(status(vehicle)));
        assertThat(mileage(vehicle)).isEqualByComparingTo("3.5");
        assertThat(reservationStatus(booking)).isEqualTo("CONSUMED");
    }

    @Test
    void aMalformedTripCompletedGoesToTheDeadLetterTopicAndChangesNothing() throws Exception {
        UUID vehicle = Vehicles.register(api).id();
        UUID trip = UUID.randomUUID();
        try (TopicRecords deadLetters = TopicRecords.fromNow(Topics.deadLetterOf(Topics.TRIPS))) {
            publish(EventEnvelope.of(EventTypes.TRIP_COMPLETED, trip.toString(), 3, EventJson.mapper().valueToTree(
                    Map.of("tripId", trip, "vehicleId", vehicle, "bookingId", "b", "distanceKm", -5,
                            "completedAt", Instant.now()))));

            var refused = deadLetters.awaitUntil(records -> records.stream()
                    .anyMatch(r -> trip.toString().equals(r.key())), WAIT).stream()
                    .filter(r -> trip.toString().equals(r.key())).findFirst().orElseThrow();
            assertThat(TopicRecords.header(refused, EventHeaders.DEAD_LETTER_REASON)).contains("distanceKm");
        }
        UUID marker = markerTripOnAnotherVehicle();

        await().atMost(WAIT).until(() -> mileage(marker).signum() > 0);
        assertThat(mileage(vehicle)).isEqualByComparingTo("0");
        assertThat(jdbc.queryForObject("select count(*) from vehicle_trip where trip_id = ?", Long.class, trip)).isZero();
    }

    /** A completed trip of a fresh vehicle on the same partition; returns that vehicle. */
    private UUID markerTripOnAnotherVehicle() throws Exception {
        UUID vehicle = Vehicles.register(api).id();
        UUID trip = UUID.randomUUID();
        Instant now = Instant.now();
        publish(EventEnvelope.of(EventTypes.TRIP_COMPLETED, trip.toString(), 3, EventJson.mapper().valueToTree(
                new TripCompleted(trip, UUID.randomUUID().toString(), UUID.randomUUID(), vehicle, new BigDecimal("1.000"),
                        BigDecimal.ONE, BigDecimal.ONE, now.minusSeconds(60), now))));
        return vehicle;
    }

    private UUID reserveThroughTheSaga(UUID vehicle) {
        UUID booking = UUID.randomUUID();
        String lra = Lras.start();
        BookingSnapshot snapshot = new BookingSnapshot(booking, UUID.randomUUID(), vehicle, new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.45), new BigDecimal("12.50"));
        saga.publish(Topics.USERS, EventEnvelope.of(EventTypes.CREDITS_RESERVED, booking.toString(), 1,
                EventJson.mapper().valueToTree(new CreditsReserved(snapshot, UUID.randomUUID(), new BigDecimal("12.50")))),
                lra);
        await().atMost(WAIT).until(() -> "RESERVED".equals(status(vehicle)));
        assertThat(Lras.close(lra)).isEqualTo(200);
        return booking;
    }

    private String status(UUID vehicle) {
        return api.get("/vehicles/" + vehicle).json().path("status").asText();
    }

    private BigDecimal mileage(UUID vehicle) {
        return jdbc.queryForObject("select mileage_km from vehicle where id = ?", BigDecimal.class, vehicle);
    }

    private String reservationStatus(UUID booking) {
        return jdbc.queryForObject("select status from vehicle_reservation where booking_id = ?", String.class,
                booking.toString());
    }

    private void publish(EventEnvelope event) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.TRIPS, PARTITION, event.aggregateId(),
                EventJson.mapper().writeValueAsString(event));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
