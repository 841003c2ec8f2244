package com.mobilityhub.users.credits;

import com.mobilityhub.infra.SagaEventPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.Money;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.TripCancellationAccepted;
import com.mobilityhub.contracts.booking.BookingSagaEvents.BookingRequested;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.SagaParticipation;
import com.mobilityhub.infra.TopicRecords;
import com.mobilityhub.users.HttpJson;
import com.mobilityhub.users.Lras;
import com.mobilityhub.users.SagaCoordinator;
import com.mobilityhub.users.WholeUserService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * schedule-cancellation-fee, charge-cancellation-fee and drop-cancellation-fee (the booking cancellation
 * saga) through the real coordinator, Kafka and PostgreSQL: the test plays the hub and trip-service
 * (starts the cancellation's LRA, publishes TripCancellationAccepted, closes or cancels the LRA).
 */
@WholeUserService
class CancelledBookingHoldSagaIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigDecimal FARE = new BigDecimal("12.50");
    private static final BigDecimal FEE = new BigDecimal("1.25");

    @Autowired
    JdbcTemplate jdbc;

    HttpJson http;
    SagaEventPublisher publisher;
    TopicRecords userEvents;

    @BeforeEach
    void connect() {
        http = new HttpJson(SagaCoordinator.appPort());
        publisher = new SagaEventPublisher(Topics.TRIPS);
        userEvents = TopicRecords.fromNow(Topics.USERS);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        userEvents.close();
    }

    @Test
    void chargesTheFeeFromTheHoldAndReleasesTheRestOnceWhenTheCancellationCloses() {
        UUID user = registerUser("100.00");
        BookingSnapshot booking = confirmedHold(user);
        String bookingId = booking.bookingId().toString();
        String lra = Lras.start();
        EventEnvelope accepted = tripCancellationAccepted(booking);

        publisher.publish(Topics.TRIPS, accepted, lra);
        publisher.publish(Topics.TRIPS, accepted, lra); // redelivered

        ConsumerRecord<String, String> scheduled = awaitEvent(bookingId, EventTypes.CANCELLATION_FEE_SCHEDULED);
        assertThat(TopicRecords.header(scheduled, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        JsonNode data = envelope(scheduled).get("data");
        assertThat(data.at("/fee/amount").decimalValue()).isEqualByComparingTo(FEE);
        assertThat(data.get("held").decimalValue()).isEqualByComparingTo(FARE);
        // Nothing moves before the LRA closes.
        assertAccount(user, "87.50", "12.50");

        assertThat(Lras.close(lra)).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() -> assertAccount(user, "98.75", "0.00"));
        assertThat(jdbc.queryForObject("select status from credit_hold where booking_id = ?", String.class, bookingId))
                .isEqualTo("CAPTURED");
        assertThat(participationDetail(bookingId)).isEqualTo("CAPTURED; cancellation fee 1.25 CHARGED");
        assertThat(participationState(bookingId)).isEqualTo(SagaParticipation.State.COMPLETED.name());

        // The coordinator repeats a completion whose answer it missed: nothing is charged twice.
        assertThat(Lras.callParticipant(url("complete", bookingId), lra).statusCode()).isBetween(200, 299);
        assertAccount(user, "98.75", "0.00");
        assertThat(eventTypesFor(bookingId)).containsOnlyOnce(EventTypes.CANCELLATION_FEE_SCHEDULED);
    }

    @Test
    void aCancelledCancellationChargesNothingAndTheHoldStands() {
        UUID user = registerUser("100.00");
        BookingSnapshot booking = confirmedHold(user);
        String bookingId = booking.bookingId().toString();
        String lra = Lras.start();
        publisher.publish(Topics.TRIPS, tripCancellationAccepted(booking), lra);
        awaitEvent(bookingId, EventTypes.CANCELLATION_FEE_SCHEDULED);

        assertThat(Lras.cancel(lra)).isEqualTo(200);

        await().atMost(WAIT).until(() -> participationDetail(bookingId).endsWith("DROPPED"));
        assertThat(Lras.callParticipant(url("compensate", bookingId), lra).statusCode()).isBetween(200, 299);
        assertAccount(user, "87.50", "12.50");
        assertThat(participationDetail(bookingId)).isEqualTo("HELD; cancellation fee 1.25 DROPPED");
    }

    @Test
    void aCompensationBeforeTheStepRefusesTheLateStep() {
        UUID user = registerUser("100.00");
        BookingSnapshot booking = confirmedHold(user);
        String bookingId = booking.bookingId().toString();
        String lra = Lras.start();
        assertThat(Lras.callParticipant(url("compensate", bookingId), lra).statusCode()).isBetween(200, 299);

        EventEnvelope late = tripCancellationAccepted(booking);
        publisher.publish(Topics.TRIPS, late, lra);
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where consumer = ? and event_id = ?", Long.class,
                CancelledBookingHolds.CONSUMER, late.eventId()) == 1L);

        assertThat(eventTypesFor(bookingId)).doesNotContain(EventTypes.CANCELLATION_FEE_SCHEDULED);
        assertAccount(user, "87.50", "12.50");
        assertThat(participationDetail(bookingId)).isEqualTo("HELD; cancellation fee 0.00 DROPPED_BEFORE_STEP");
        Lras.cancel(lra);
    }

    /** A booking whose saga held the fare and closed: what a cancellation finds. */
    private BookingSnapshot confirmedHold(UUID user) {
        UUID bookingId = UUID.randomUUID();
        BookingSnapshot booking = new BookingSnapshot(bookingId, user, UUID.randomUUID(), new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.45), FARE);
        String lra = Lras.start();
        try (SagaEventPublisher bookings = new SagaEventPublisher(Topics.BOOKINGS)) {
            bookings.publish(Topics.BOOKINGS, EventEnvelope.of(EventTypes.BOOKING_REQUESTED, bookingId.toString(), 1,
                    EventJson.mapper().valueToTree(new BookingRequested(booking, Instant.now()))), lra);
        }
        awaitEvent(bookingId.toString(), EventTypes.CREDITS_RESERVED);
        assertThat(Lras.close(lra)).isEqualTo(200);
        await().atMost(WAIT).until(() -> participationState(bookingId.toString()).equals("COMPLETED"));
        return booking;
    }

    private static EventEnvelope tripCancellationAccepted(BookingSnapshot booking) {
        return EventEnvelope.of(EventTypes.TRIP_CANCELLATION_ACCEPTED, booking.bookingId().toString(), 4,
                EventJson.mapper().valueToTree(new TripCancellationAccepted(booking, UUID.randomUUID(),
                        new Money(FEE, "EUR"))));
    }

    /** The callback URL the step registered with the coordinator. */
    private static String url(String action, String booking) {
        return "http://127.0.0.1:" + SagaCoordinator.appPort() + "/lra-participant/" + action + "?bookingId=" + booking
                + "&Camel-Saga-Compensate=direct://drop-cancellation-fee&Camel-Saga-Complete=direct://charge-cancellation-fee";
    }

    private UUID registerUser(String credits) {
        var registered = http.post("/users", "{\"name\":\"Rider\",\"email\":\"rider." + UUID.randomUUID()
                + "@example.com\",\"initialCredits\":" + credits + "}");
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        return UUID.fromString(registered.json().get("id").asText());
    }

    private ConsumerRecord<String, String> awaitEvent(String booking, String type) {
        Predicate<ConsumerRecord<String, String>> wanted = r -> booking.equals(r.key()) && type.equals(eventType(r));
        return userEvents.awaitUntil(records -> records.stream().anyMatch(wanted), WAIT)
                .stream().filter(wanted).findFirst().orElseThrow();
    }

    /** The booking's events on the users topic, once the outbox is drained. */
    private List<String> eventTypesFor(String booking) {
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from outbox_event where aggregate_id = ?", Long.class, booking) == 0L);
        return userEvents.readToEnd(WAIT).stream().filter(r -> booking.equals(r.key())).map(this::eventType).toList();
    }

    private void assertAccount(UUID user, String balance, String held) {
        var account = http.get("/users/" + user + "/credit-account").json();
        assertThat(account.get("balance").decimalValue()).as("balance").isEqualByComparingTo(balance);
        assertThat(account.get("held").decimalValue()).as("held").isEqualByComparingTo(held);
    }

    private JsonNode participation(String booking) {
        var response = http.get(SagaParticipation.PATH + "?bookingIds=" + booking);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().get("items").get(0);
    }

    private String participationDetail(String booking) {
        return participation(booking).get("detail").asText();
    }

    private String participationState(String booking) {
        return participation(booking).get("state").asText();
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
