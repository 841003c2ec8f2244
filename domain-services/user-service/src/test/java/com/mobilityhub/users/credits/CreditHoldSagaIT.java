package com.mobilityhub.users.credits;

import com.mobilityhub.infra.SagaEventPublisher;
import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingSagaEvents.BookingRequested;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.SagaParticipation;
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
 * reserve-credits, release-credits and confirm-credit-hold through the real coordinator, Kafka and
 * PostgreSQL: the test plays the hub (starts, closes, cancels LRAs and publishes BookingRequested).
 */
@WholeUserService
class CreditHoldSagaIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigDecimal FARE = new BigDecimal("12.50");

    @Autowired
    JdbcTemplate jdbc;

    HttpJson http;
    SagaEventPublisher publisher;
    TopicRecords userEvents;

    @BeforeEach
    void connect() {
        http = new HttpJson(SagaCoordinator.appPort());
        publisher = new SagaEventPublisher(Topics.BOOKINGS);
        userEvents = TopicRecords.fromNow(Topics.USERS);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        userEvents.close();
    }

    @Test
    void holdsTheFareJoinsTheLraAndKeepsTheHoldWhenTheLraCloses() {
        UUID user = registerUser("100.00");
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(user, FARE);
        String booking = requested.aggregateId();

        publisher.publish(Topics.BOOKINGS, requested, lra);

        ConsumerRecord<String, String> reserved = awaitEvent(booking, EventTypes.CREDITS_RESERVED);
        assertThat(TopicRecords.header(reserved, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        JsonNode data = envelope(reserved).get("data");
        assertThat(data.at("/booking/bookingId").asText()).isEqualTo(booking);
        assertThat(data.get("amount").decimalValue()).isEqualByComparingTo(FARE);
        assertThat(data.get("holdId").asText()).isEqualTo(hold(booking).get("id"));
        assertAccount(user, "87.50", "12.50");
        assertParticipation(booking, SagaParticipation.State.ACTIVE, "HELD", FARE);
        assertThat(Lras.info(lra).body()).contains("Active");
        assertThat(Lras.hasParticipant(lra, "/lra-participant/compensate?bookingId=" + booking)).isTrue();

        assertThat(Lras.close(lra)).isEqualTo(200);

        await().atMost(WAIT).untilAsserted(() ->
                assertParticipation(booking, SagaParticipation.State.COMPLETED, "HELD", FARE));
        assertThat(hold(booking).get("status")).isEqualTo("HELD");
        assertAccount(user, "87.50", "12.50");
    }

    @Test
    void releasesTheHeldFareWhenTheLraIsCancelled() {
        UUID user = registerUser("100.00");
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(user, FARE);
        String booking = requested.aggregateId();
        publisher.publish(Topics.BOOKINGS, requested, lra);
        awaitEvent(booking, EventTypes.CREDITS_RESERVED);

        assertThat(Lras.cancel(lra)).isEqualTo(200);

        ConsumerRecord<String, String> released = awaitEvent(booking, EventTypes.CREDITS_RELEASED);
        assertThat(TopicRecords.header(released, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        JsonNode data = envelope(released).get("data");
        assertThat(data.get("holdId").asText()).isEqualTo(hold(booking).get("id"));
        assertThat(data.get("amount").decimalValue()).isEqualByComparingTo(FARE);
        assertThat(data.at("/booking/userId").asText()).isEqualTo(user.toString());
        assertAccount(user, "100.00", "0.00");
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED", FARE);
    }

    @Test
    void insufficientCreditsRejectTheBookingAndHoldNothing() {
        UUID user = registerUser("5.00");
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(user, FARE);
        String booking = requested.aggregateId();

        publisher.publish(Topics.BOOKINGS, requested, lra);

        ConsumerRecord<String, String> rejected = awaitEvent(booking, EventTypes.CREDITS_REJECTED);
        assertThat(TopicRecords.header(rejected, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
        assertThat(envelope(rejected).at("/data/reason").asText()).isEqualTo("INSUFFICIENT_CREDITS");
        assertAccount(user, "5.00", "0.00");
        assertParticipation(booking, SagaParticipation.State.FAILED, "REJECTED INSUFFICIENT_CREDITS", new BigDecimal("0"));
        assertThat(http.get("/users/" + user + "/credit-account").json().get("holds")).isEmpty();

        // The hub cancels on a rejection: the failing step's own compensation finds nothing to undo.
        assertThat(Lras.cancel(lra)).isEqualTo(200);
        assertAccount(user, "5.00", "0.00");
        assertParticipation(booking, SagaParticipation.State.FAILED, "REJECTED INSUFFICIENT_CREDITS", new BigDecimal("0"));
    }

    @Test
    void anUnknownUserIsRejected() {
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(UUID.randomUUID(), FARE);

        publisher.publish(Topics.BOOKINGS, requested, lra);

        ConsumerRecord<String, String> rejected = awaitEvent(requested.aggregateId(), EventTypes.CREDITS_REJECTED);
        assertThat(envelope(rejected).at("/data/reason").asText()).isEqualTo("UNKNOWN_USER");
        assertThat(Lras.cancel(lra)).isEqualTo(200);
    }

    @Test
    void compensationBeforeTheStepRefusesTheLateStep() {
        UUID user = registerUser("100.00");
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(user, FARE);
        String booking = requested.aggregateId();

        // The coordinator's compensation call overtakes the BookingRequested record.
        assertThat(Lras.callParticipant(compensateUrl(booking), lra).statusCode()).isBetween(200, 204);
        ConsumerRecord<String, String> released = awaitEvent(booking, EventTypes.CREDITS_RELEASED);
        assertThat(envelope(released).at("/data/holdId").isNull()).isTrue();
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED", new BigDecimal("0"));

        publisher.publish(Topics.BOOKINGS, requested, lra);
        awaitProcessed(requested);

        assertAccount(user, "100.00", "0.00");
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED", new BigDecimal("0"));
        assertThat(Lras.cancel(lra)).isEqualTo(200);
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.CREDITS_RELEASED);
        assertAccount(user, "100.00", "0.00");
    }

    @Test
    void duplicateEventChangesNothing() {
        UUID user = registerUser("100.00");
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(user, FARE);
        String booking = requested.aggregateId();

        publisher.publish(Topics.BOOKINGS, requested, lra);
        publisher.publish(Topics.BOOKINGS, requested, lra);
        awaitEvent(booking, EventTypes.CREDITS_RESERVED);
        // Records of one booking stay in order on its partition: once a later record for the same booking
        // is handled, the duplicate before it has been too. (A new event id for a booking that already
        // has its hold changes nothing either.)
        EventEnvelope again = new EventEnvelope(UUID.randomUUID(), booking, EventTypes.BOOKING_REQUESTED,
                Instant.now(), 1, requested.data());
        publisher.publish(Topics.BOOKINGS, again, lra);
        awaitProcessed(again);

        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from credit_hold where booking_id = ?", Long.class, booking) == 1L);
        assertAccount(user, "87.50", "12.50");
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.CREDITS_RESERVED);
        assertThat(Lras.close(lra)).isEqualTo(200);
    }

    @Test
    void compensationArrivingTwiceReleasesOnce() {
        UUID user = registerUser("100.00");
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(user, FARE);
        String booking = requested.aggregateId();
        publisher.publish(Topics.BOOKINGS, requested, lra);
        awaitEvent(booking, EventTypes.CREDITS_RESERVED);

        assertThat(Lras.callParticipant(compensateUrl(booking), lra).statusCode()).isBetween(200, 204);
        assertThat(Lras.callParticipant(compensateUrl(booking), lra).statusCode()).isBetween(200, 204);
        // ... and a third time from the coordinator itself.
        assertThat(Lras.cancel(lra)).isEqualTo(200);

        assertAccount(user, "100.00", "0.00");
        assertParticipation(booking, SagaParticipation.State.COMPENSATED, "RELEASED", FARE);
        assertThat(eventTypesFor(booking)).containsExactly(EventTypes.CREDITS_RESERVED, EventTypes.CREDITS_RELEASED);
    }

    @Test
    void fiftyConcurrentHoldsNeverOverdrawTheBalance() throws Exception {
        int bookings = 50;
        UUID user = registerUser(FARE.multiply(BigDecimal.TEN).toPlainString());
        List<EventEnvelope> requests = IntStream.range(0, bookings).mapToObj(i -> bookingRequested(user, FARE)).toList();
        List<String> lras = requests.stream().map(request -> Lras.start()).toList();

        ExecutorService pool = Executors.newFixedThreadPool(10);
        try {
            List<Future<?>> sent = new ArrayList<>();
            for (int i = 0; i < bookings; i++) {
                EventEnvelope request = requests.get(i);
                String lra = lras.get(i);
                sent.add(pool.submit(() -> publisher.publish(Topics.BOOKINGS, request, lra)));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        } finally {
            pool.shutdown();
        }

        List<String> ids = requests.stream().map(EventEnvelope::aggregateId).toList();
        await().atMost(Duration.ofSeconds(120)).until(() -> jdbc.queryForObject(
                "select count(*) from credit_hold where booking_id = any (?)", Long.class,
                (Object) ids.toArray(String[]::new)) == bookings);
        Map<String, Long> statuses = jdbc.queryForList(
                        "select status from credit_hold where booking_id = any (?)", String.class,
                        (Object) ids.toArray(String[]::new))
                .stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        assertThat(statuses).containsExactlyInAnyOrderEntriesOf(Map.of("HELD", 10L, "REJECTED", 40L));
        assertAccount(user, "0.00", "125.00");
        List<ConsumerRecord<String, String>> answers = userEvents.awaitUntil(
                records -> records.stream().filter(r -> ids.contains(r.key())).count() == bookings, WAIT);
        assertThat(answers.stream().filter(r -> ids.contains(r.key())).map(this::eventType)
                .collect(Collectors.groupingBy(t -> t, Collectors.counting())))
                .containsExactlyInAnyOrderEntriesOf(Map.of(EventTypes.CREDITS_RESERVED, 10L, EventTypes.CREDITS_REJECTED, 40L));

        lras.forEach(lra -> assertThat(Lras.cancel(lra)).isEqualTo(200));
        assertAccount(user, "125.00", "0.00");
    }

    // --- helpers ---

    private UUID registerUser(String credits) {
        var registered = http.post("/users", "{\"name\":\"Rider\",\"email\":\"rider." + UUID.randomUUID()
                + "@example.com\",\"initialCredits\":" + credits + "}");
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        return UUID.fromString(registered.json().get("id").asText());
    }

    private static EventEnvelope bookingRequested(UUID user, BigDecimal fare) {
        UUID booking = UUID.randomUUID();
        BookingSnapshot snapshot = new BookingSnapshot(booking, user, UUID.randomUUID(), new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.45), fare);
        return EventEnvelope.of(EventTypes.BOOKING_REQUESTED, booking.toString(), 1,
                EventJson.mapper().valueToTree(new BookingRequested(snapshot, Instant.now())));
    }

    /** The compensation URL the reserve step registered with the coordinator. */
    private static String compensateUrl(String booking) {
        return "http://127.0.0.1:" + SagaCoordinator.appPort() + "/lra-participant/compensate?bookingId=" + booking
                + "&Camel-Saga-Compensate=direct://release-credits&Camel-Saga-Complete=direct://confirm-credit-hold";
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

    private void awaitProcessed(EventEnvelope event) {
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from processed_event where consumer = ? and event_id = ?", Long.class,
                CreditHolds.RESERVE_CREDITS, event.eventId()) == 1L);
    }

    private Map<String, Object> hold(String booking) {
        return jdbc.queryForMap("select id::text as id, status from credit_hold where booking_id = ?", booking);
    }

    private void assertAccount(UUID user, String balance, String held) {
        var account = http.get("/users/" + user + "/credit-account").json();
        assertThat(account.get("balance").decimalValue()).as("balance").isEqualByComparingTo(balance);
        assertThat(account.get("held").decimalValue()).as("held").isEqualByComparingTo(held);
    }

    private void assertParticipation(String booking, SagaParticipation.State state, String detail, BigDecimal amount) {
        var response = http.get(SagaParticipation.PATH + "?bookingIds=" + booking + "," + UUID.randomUUID());
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        JsonNode items = response.json().get("items");
        assertThat(items).hasSize(2);
        assertThat(items.get(0).get("bookingId").asText()).isEqualTo(booking);
        assertThat(items.get(0).get("service").asText()).isEqualTo("user-service");
        assertThat(items.get(0).get("state").asText()).isEqualTo(state.name());
        assertThat(items.get(0).get("detail").asText()).isEqualTo(detail);
        assertThat(items.get(0).get("amount").decimalValue()).isEqualByComparingTo(amount);
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
