package com.mobilityhub.vehicles.reservations;

import com.mobilityhub.infra.SagaEventPublisher;
import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsRejected;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsReserved;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.RejectionReason;
import com.mobilityhub.contracts.booking.SagaParticipation;
import com.mobilityhub.vehicles.ApiClient;
import com.mobilityhub.vehicles.Lras;
import com.mobilityhub.vehicles.SagaCoordinator;
import com.mobilityhub.vehicles.Vehicles;
import com.mobilityhub.vehicles.WholeVehicleService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * reserve-vehicle, release-vehicle and confirm-vehicle-reservation through the real coordinator,
 * Kafka and PostgreSQL: the test plays the hub (LRAs) and user-service (CreditsReserved).
 */
@WholeVehicleService
class VehicleReservationSagaIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Autowired
    JdbcTemplate jdbc;

    ApiClient api;
    SagaEventPublisher publisher;
    TopicRecords vehicleEvents;

    @BeforeEach
    void connect() {
        api = new ApiClient(SagaCoordinator.appPort());
        publisher = new SagaEventPublisher(Topics.USERS);
        vehicleEvents = TopicRecords.fromNow(Topics.VEHICLES);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        vehicleEvents.close();
    }

    @Test
    void reservesTheVehicleJoinsTheLraAndKeepsTheReservationWhenTheLraCloses() {
        UUID vehicle = Vehicles.register(api).id();
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(vehicle);
        String booking = credits.aggregateId();

        publisher.publish(Topics.USERS, credits, lra);

        ConsumerRecord<String, String> reserved = awaitEvent(booking, EventTypes.VEHICLE_RESERVED);
        assertThat(TopicRecords.header(reserved, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        JsonNode data = envelope(reserved).get("data");
        assertThat(data.at("/booking/vehicleId").asText()).isEqualTo(vehicle.toString());
        assertThat(data.get("reservationId").asText()).isEqualTo(reservation(booking).get("id"));
        assertThat(statusChangesOf(vehicle)).containsExactly("AVAILABLE->RESERVED");
        assertThat(vehicleStatus(vehicle)).isEqualTo("RESERVED");
        assertParticipation(booking, SagaParticipation.State.ACTIVE, "RESERVED");
        assertThat(Lras.info(lra).body()).contains("Active");
        assertThat(Lras.hasParticipant(lra, "/lra-participant/compensate?bookingId=" + booking)).isTrue();

        assertThat(Lras.close(lra)).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() ->
                assertParticipation(booking, SagaParticipation.State.COMPLETED, "RESERVED"));
        assertThat(vehicleStatus(vehicle)).isEqualTo("RESERVED");
    }

    @Test
    void releasesTheVehicleWhenTheLraIsCancelled() {
        UUID vehicle = Vehicles.register(api).id();
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(vehicle);
        String booking = credits.aggregateId();
        publisher.publish(Topics.USERS, credits, lra);
        awaitEvent(booking, EventTypes.VEHICLE_RESERVED);

        assertThat(Lras.cancel(lra)).isEqualTo(200);

        ConsumerRecord<String, String> released = awaitEvent(booking, EventTypes.VEHICLE_RELEASED);
        assertThat(TopicRecords.header(released, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        assertThat(envelope(released).at("/data/reservationId").asText()).isEqualTo(reservation(booking).get("id"));
        assertThat(envelope(released).at("/data/booking/vehicleId").asText()).isEqualTo(vehicle.toString());
        assertThat(vehicleStatus(vehicle)).isEqualTo("AVAILABLE");
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(statusChangesOf(vehicle)).containsExactly("AVAILABLE->RESERVED", "RESERVED->AVAILABLE"));
    }

    @Test
    void aVehicleNotAvailableIsReportedUnavailableAndLeftAlone() {
        UUID vehicle = Vehicles.register(api).id();
        assertThat(api.put("/vehicles/" + vehicle + "/status", "{\"status\":\"MAINTENANCE\"}").status()).isEqualTo(200);
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(vehicle);
        String booking = credits.aggregateId();

        publisher.publish(Topics.USERS, credits, lra);

        ConsumerRecord<String, String> unavailable = awaitEvent(booking, EventTypes.VEHICLE_UNAVAILABLE);
        assertThat(TopicRecords.header(unavailable, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        assertThat(envelope(unavailable).at("/data/reason").asText()).isEqualTo("VEHICLE_UNAVAILABLE");
        assertParticipation(booking, SagaParticipation.State.FAILED, "REJECTED VEHICLE_UNAVAILABLE");

        // The hub cancels on a rejection: the failing step's own compensation finds nothing to undo.
        assertThat(Lras.cancel(lra)).isEqualTo(200);
        assertThat(vehicleStatus(vehicle)).isEqualTo("MAINTENANCE");
        assertParticipation(booking, SagaParticipation.State.FAILED, "REJECTED VEHICLE_UNAVAILABLE");
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.VEHICLE_UNAVAILABLE);
    }

    @Test
    void anUnknownVehicleIsReported() {
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(UUID.randomUUID());

        publisher.publish(Topics.USERS, credits, lra);

        ConsumerRecord<String, String> unavailable = awaitEvent(credits.aggregateId(), EventTypes.VEHICLE_UNAVAILABLE);
        assertThat(envelope(unavailable).at("/data/reason").asText()).isEqualTo("UNKNOWN_VEHICLE");
        assertParticipation(credits.aggregateId(), SagaParticipation.State.FAILED, "REJECTED UNKNOWN_VEHICLE");
        assertThat(Lras.cancel(lra)).isEqualTo(200);
    }

    @Test
    void theUsersTopicsOtherEventsAreIgnored() {
        UUID vehicle = Vehicles.register(api).id();
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(vehicle);
        String booking = credits.aggregateId();
        EventEnvelope rejected = EventEnvelope.of(EventTypes.CREDITS_REJECTED, booking, 1, EventJson.mapper().valueToTree(
                new CreditsRejected(snapshot(UUID.fromString(booking), vehicle), RejectionReason.INSUFFICIENT_CREDITS, "poor")));

        publisher.publish(Topics.USERS, rejected, lra);
        // Same booking, same partition, in order: once this one is handled, the rejection was seen before it.
        publisher.publish(Topics.USERS, credits, lra);
        awaitEvent(booking, EventTypes.VEHICLE_RESERVED);

        assertThat(processed(rejected)).isZero();
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.VEHICLE_RESERVED);
        assertThat(Lras.cancel(lra)).isEqualTo(200);
        assertThat(vehicleStatus(vehicle)).isEqualTo("AVAILABLE");
    }

    @Test
    void compensationBeforeTheStepRefusesTheLateStep() {
        UUID vehicle = Vehicles.register(api).id();
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(vehicle);
        String booking = credits.aggregateId();

        // The coordinator's compensation call overtakes the CreditsReserved record.
        assertThat(Lras.callParticipant(compensateUrl(booking), lra).statusCode()).isBetween(200, 204);
        ConsumerRecord<String, String> released = awaitEvent(booking, EventTypes.VEHICLE_RELEASED);
        assertThat(envelope(released).at("/data/reservationId").isNull()).isTrue();
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED");

        publisher.publish(Topics.USERS, credits, lra);
        await().atMost(WAIT).until(() -> processed(credits) == 1L);

        assertThat(vehicleStatus(vehicle)).isEqualTo("AVAILABLE");
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED");
        assertThat(Lras.cancel(lra)).isEqualTo(200);
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.VEHICLE_RELEASED);
        assertThat(statusChangesOf(vehicle)).isEmpty();
    }

    @Test
    void duplicateEventChangesNothing() {
        UUID vehicle = Vehicles.register(api).id();
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(vehicle);
        String booking = credits.aggregateId();

        publisher.publish(Topics.USERS, credits, lra);
        publisher.publish(Topics.USERS, credits, lra);
        // Records of one booking stay in order on its partition: once a later record for the booking is
        // handled, the duplicate before it has been too (a new event id for the booking changes nothing either).
        EventEnvelope again = new EventEnvelope(UUID.randomUUID(), booking, EventTypes.CREDITS_RESERVED,
                Instant.now(), 1, credits.data());
        publisher.publish(Topics.USERS, again, lra);
        await().atMost(WAIT).until(() -> processed(again) == 1L);

        assertThat(jdbc.queryForObject("select count(*) from vehicle_reservation where booking_id = ?", Long.class, booking))
                .isOne();
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.VEHICLE_RESERVED);
        assertThat(statusChangesOf(vehicle)).containsExactly("AVAILABLE->RESERVED");
        assertThat(Lras.close(lra)).isEqualTo(200);
    }

    @Test
    void compensationArrivingTwiceReleasesOnce() {
        UUID vehicle = Vehicles.register(api).id();
        String lra = Lras.start();
        EventEnvelope credits = creditsReserved(vehicle);
        String booking = credits.aggregateId();
        publisher.publish(Topics.USERS, credits, lra);
        awaitEvent(booking, EventTypes.VEHICLE_RESERVED);

        assertThat(Lras.callParticipant(compensateUrl(booking), lra).statusCode()).isBetween(200, 204);
        assertThat(Lras.callParticipant(compensateUrl(booking), lra).statusCode()).isBetween(200, 204);
        // ... and a third time from the coordinator itself.
        assertThat(Lras.cancel(lra)).isEqualTo(200);

        assertThat(vehicleStatus(vehicle)).isEqualTo("AVAILABLE");
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED");
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.VEHICLE_RESERVED, EventTypes.VEHICLE_RELEASED);
        assertThat(statusChangesOf(vehicle)).containsExactly("AVAILABLE->RESERVED", "RESERVED->AVAILABLE");
    }

    @Test
    void fiftyBookingsOfOneVehicleReserveItOnce() throws Exception {
        int bookings = 50;
        UUID vehicle = Vehicles.register(api).id();
        List<EventEnvelope> requests = IntStream.range(0, bookings).mapToObj(i -> creditsReserved(vehicle)).toList();
        List<String> lras = requests.stream().map(request -> Lras.start()).toList();

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                EventEnvelope request = requests.get(i);
                String lra = lras.get(i);
                sent.add(pool.submit(() -> publisher.publish(Topics.USERS, request, lra)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        List<String> ids = requests.stream().map(EventEnvelope::aggregateId).toList();
        List<ConsumerRecord<String, String>> answers = vehicleEvents.awaitUntil(
                records -> records.stream().filter(r -> ids.contains(r.key())).count() == bookings,
                Duration.ofSeconds(120)).stream().filter(r -> ids.contains(r.key())).toList();
        assertThat(answers.stream().map(this::eventType).collect(Collectors.groupingBy(t -> t, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(EventTypes.VEHICLE_RESERVED, 1L, EventTypes.VEHICLE_UNAVAILABLE, 49L));
        assertThat(jdbc.queryForObject("select count(*) from vehicle_reservation where vehicle_id = ? and status = 'RESERVED'",
                Long.class, vehicle)).isOne();
        assertThat(vehicleStatus(vehicle)).isEqualTo("RESERVED");
        String winner = answers.stream().filter(r -> EventTypes.VEHICLE_RESERVED.equals(eventType(r)))
                .findFirst().orElseThrow().key();
        assertParticipation(winner, SagaParticipation.State.ACTIVE, "RESERVED");

        lras.forEach(lra -> assertThat(Lras.cancel(lra)).isEqualTo(200));
        assertThat(vehicleStatus(vehicle)).isEqualTo("AVAILABLE");
    }

    // --- helpers ---

    private static BookingSnapshot snapshot(UUID booking, UUID vehicle) {
        return new BookingSnapshot(booking, UUID.randomUUID(), vehicle, new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.45), new BigDecimal("12.50"));
    }

    private static EventEnvelope creditsReserved(UUID vehicle) {
        UUID booking = UUID.randomUUID();
        return EventEnvelope.of(EventTypes.CREDITS_RESERVED, booking.toString(), 1, EventJson.mapper().valueToTree(
                new CreditsReserved(snapshot(booking, vehicle), UUID.randomUUID(), new BigDecimal("12.50"))));
    }

    /** The compensation URL the reserve step registered with the coordinator. */
    private static String compensateUrl(String booking) {
        return "http://127.0.0.1:" + SagaCoordinator.appPort() + "/lra-participant/compensate?bookingId=" + booking
                + "&Camel-Saga-Compensate=direct://release-vehicle&Camel-Saga-Complete=direct://confirm-vehicle-reservation";
    }

    private ConsumerRecord<String, String> awaitEvent(String key, String type) {
        Predicate<ConsumerRecord<String, String>> wanted = r -> key.equals(r.key()) && type.equals(eventType(r));
        return vehicleEvents.awaitUntil(records -> records.stream().anyMatch(wanted), WAIT)
                .stream().filter(wanted).findFirst().orElseThrow();
    }

    /** The booking's events on the vehicles topic, once the outbox is drained. */
    private List<String> eventTypesFor(String key) {
        return relayedEvents().stream().filter(r -> key.equals(r.key())).map(this::eventType).toList();
    }

    /** Everything on the vehicles topic since the test began, once the outbox is drained. */
    private List<ConsumerRecord<String, String>> relayedEvents() {
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from outbox_event", Long.class) == 0L);
        return vehicleEvents.readToEnd(WAIT);
    }

    /** The vehicle's VehicleStatusChanged events since the test began, as "FROM->TO". */
    private List<String> statusChangesOf(UUID vehicle) {
        return relayedEvents().stream()
                .filter(r -> vehicle.toString().equals(r.key()))
                .filter(r -> EventTypes.VEHICLE_STATUS_CHANGED.equals(eventType(r)))
                .map(r -> envelope(r).at("/data/previousStatus").asText() + "->" + envelope(r).at("/data/status").asText())
                .toList();
    }

    private long processed(EventEnvelope event) {
        return jdbc.queryForObject("select count(*) from processed_event where consumer = ? and event_id = ?", Long.class,
                VehicleReservations.RESERVE_VEHICLE, event.eventId());
    }

    private Map<String, Object> reservation(String booking) {
        return jdbc.queryForMap("select id::text as id, status from vehicle_reservation where booking_id = ?", booking);
    }

    private String vehicleStatus(UUID vehicle) {
        return api.get("/vehicles/" + vehicle).json().get("status").asText();
    }

    private void assertParticipation(String booking, SagaParticipation.State state, String detail) {
        ApiClient.Response response = api.get(SagaParticipation.PATH + "?bookingIds=" + booking + "," + UUID.randomUUID());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("bookingId").asText()).isEqualTo(booking);
        assertThat(items.get(0).get("service").asText()).isEqualTo("vehicle-service");
        assertThat(items.get(0).get("state").asText()).isEqualTo(state.name());
        assertThat(items.get(0).get("detail").asText()).isEqualTo(detail);
        assertThat(items.get(1).get("state").asText()).isEqualTo("NONE");
    }

    private String eventType(ConsumerRecord<String, String> record) {
        return envelope(record).get("eventType").asText();
    }

    private static JsonNode envelope(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
