package com.mobilityhub.vehicles.reservations;

import com.mobilityhub.infra.SagaEventPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.CancellationFeeScheduled;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.Money;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsReserved;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.infra.TopicRecords;
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
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * schedule-vehicle-release, release-cancelled-reservation and drop-vehicle-release (the booking cancellation
 * saga) through the real coordinator, Kafka and PostgreSQL: the test plays the hub and user-service.
 */
@WholeVehicleService
class ReservationCancellationSagaIT {

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
    void freesTheVehicleOnceWhenTheCancellationCloses() {
        UUID vehicle = Vehicles.register(api).id();
        BookingSnapshot booking = confirmedReservation(vehicle);
        String bookingId = booking.bookingId().toString();
        String lra = Lras.start();
        EventEnvelope scheduled = feeScheduled(booking);

        publisher.publish(Topics.USERS, scheduled, lra);
        publisher.publish(Topics.USERS, scheduled, lra); // redelivered

        ConsumerRecord<String, String> release = awaitEvent(bookingId, EventTypes.VEHICLE_RELEASE_SCHEDULED);
        assertThat(TopicRecords.header(release, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        assertThat(envelope(release).at("/data/reservationId").asText())
                .isEqualTo(jdbc.queryForObject("select id::text from vehicle_reservation where booking_id = ?",
                        String.class, bookingId));
        // Nothing is freed before the LRA closes.
        assertThat(vehicleStatus(vehicle)).isEqualTo("RESERVED");

        assertThat(Lras.close(lra)).isEqualTo(200);

        await().atMost(WAIT).until(() -> vehicleStatus(vehicle).equals("AVAILABLE"));
        assertThat(participationDetail(bookingId)).isEqualTo("RELEASED; cancellation RELEASED");
        // The coordinator repeats a completion whose answer it missed: nothing happens twice.
        assertThat(Lras.callParticipant(url("complete", bookingId), lra).statusCode()).isBetween(200, 299);
        assertThat(eventTypesFor(bookingId)).containsOnlyOnce(EventTypes.VEHICLE_RELEASE_SCHEDULED);
        assertThat(statusChangesOf(vehicle)).containsExactly("RESERVED->AVAILABLE");
    }

    @Test
    void aCancelledCancellationKeepsTheReservation() {
        UUID vehicle = Vehicles.register(api).id();
        BookingSnapshot booking = confirmedReservation(vehicle);
        String bookingId = booking.bookingId().toString();
        String lra = Lras.start();
        publisher.publish(Topics.USERS, feeScheduled(booking), lra);
        awaitEvent(bookingId, EventTypes.VEHICLE_RELEASE_SCHEDULED);

        assertThat(Lras.cancel(lra)).isEqualTo(200);

        await().atMost(WAIT).until(() -> participationDetail(bookingId).equals("RESERVED; cancellation DROPPED"));
        assertThat(vehicleStatus(vehicle)).isEqualTo("RESERVED");
    }

    @Test
    void aCompensationBeforeTheStepRefusesTheLateStep() {
        UUID vehicle = Vehicles.register(api).id();
        BookingSnapshot booking = confirmedReservation(vehicle);
        String bookingId = booking.bookingId().toString();
        String lra = Lras.start();
        assertThat(Lras.callParticipant(url("compensate", bookingId), lra).statusCode()).isBetween(200, 299);

        EventEnvelope late = feeScheduled(booking);
        publisher.publish(Topics.USERS, late, lra);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where consumer = ? and event_id = ?", Long.class,
                ReservationCancellations.CONSUMER, late.eventId()) == 1L);

        assertThat(eventTypesFor(bookingId)).doesNotContain(EventTypes.VEHICLE_RELEASE_SCHEDULED);
        assertThat(participationDetail(bookingId)).isEqualTo("RESERVED; cancellation DROPPED_BEFORE_STEP");
        assertThat(vehicleStatus(vehicle)).isEqualTo("RESERVED");
        Lras.cancel(lra);
    }

    /** A booking whose saga reserved the vehicle and closed: what a cancellation finds. */
    private BookingSnapshot confirmedReservation(UUID vehicle) {
        UUID bookingId = UUID.randomUUID();
        BookingSnapshot booking = new BookingSnapshot(bookingId, UUID.randomUUID(), vehicle, new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.45), new BigDecimal("12.50"));
        String lra = Lras.start();
        publisher.publish(Topics.USERS, EventEnvelope.of(EventTypes.CREDITS_RESERVED, bookingId.toString(), 1,
                EventJson.mapper().valueToTree(new CreditsReserved(booking, UUID.randomUUID(), booking.fare()))), lra);
        awaitEvent(bookingId.toString(), EventTypes.VEHICLE_RESERVED);
        assertThat(Lras.close(lra)).isEqualTo(200);
        await().atMost(WAIT).until(() -> participation(bookingId.toString()).get("state").asText().equals("COMPLETED"));
        return booking;
    }

    private static EventEnvelope feeScheduled(BookingSnapshot booking) {
        return EventEnvelope.of(EventTypes.CANCELLATION_FEE_SCHEDULED, booking.bookingId().toString(), 5,
                EventJson.mapper().valueToTree(new CancellationFeeScheduled(booking, new Money(new BigDecimal("1.25"),
                        "EUR"), booking.fare())));
    }

    /** The callback URL the step registered with the coordinator. */
    private static String url(String action, String booking) {
        return "http://127.0.0.1:" + SagaCoordinator.appPort() + "/lra-participant/" + action + "?bookingId=" + booking
                + "&Camel-Saga-Compensate=direct://drop-vehicle-release"
                + "&Camel-Saga-Complete=direct://release-cancelled-reservation";
    }

    private ConsumerRecord<String, String> awaitEvent(String key, String type) {
        Predicate<ConsumerRecord<String, String>> wanted = r -> key.equals(r.key()) && type.equals(eventType(r));
        return vehicleEvents.awaitUntil(records -> records.stream().anyMatch(wanted), WAIT)
                .stream().filter(wanted).findFirst().orElseThrow();
    }

    private List<ConsumerRecord<String, String>> relayedEvents() {
        await().atMost(WAIT).until(() -> jdbc.queryForObject("select count(*) from outbox_event", Long.class) == 0L);
        return vehicleEvents.readToEnd(WAIT);
    }

    private List<String> eventTypesFor(String key) {
        return relayedEvents().stream().filter(r -> key.equals(r.key())).map(this::eventType).toList();
    }

    /** The vehicle's VehicleStatusChanged events after its reservation, as "FROM->TO". */
    private List<String> statusChangesOf(UUID vehicle) {
        return relayedEvents().stream()
                .filter(r -> vehicle.toString().equals(r.key()))
                .filter(r -> EventTypes.VEHICLE_STATUS_CHANGED.equals(eventType(r)))
                .map(r -> envelope(r).at("/data/previousStatus").asText() + "->" + envelope(r).at("/data/status").asText())
                .filter(change -> !change.equals("AVAILABLE->RESERVED"))
                .toList();
    }

    private String vehicleStatus(UUID vehicle) {
        return api.get("/vehicles/" + vehicle).json().get("status").asText();
    }

    private JsonNode participation(String booking) {
        ApiClient.Response response = api.get("/saga/participations?bookingIds=" + booking);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json().get("items").get(0);
    }

    private String participationDetail(String booking) {
        return participation(booking).get("detail").asText();
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
