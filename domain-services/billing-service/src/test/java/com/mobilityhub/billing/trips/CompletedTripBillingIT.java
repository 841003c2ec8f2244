package com.mobilityhub.billing.trips;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.billing.GatewayBeside;
import com.mobilityhub.billing.HttpJson;
import com.mobilityhub.billing.TripCompletions;
import com.mobilityhub.billing.UserServiceBeside;
import com.mobilityhub.billing.WholeBillingService;
import com.mobilityhub.billing.payments.PaymentGatewayConfiguration;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.infra.TopicRecords;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The trip-completion choreography's billing step, through real Kafka, PostgreSQL, user-service and gateway. */
@WholeBillingService
class CompletedTripBillingIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(PaymentGatewayConfiguration.CIRCUIT_BREAKER)
    CircuitBreaker gatewayBreaker;

    HttpJson http;
    UserServiceBeside users;

    @BeforeEach
    void healthyNeighbours() {
        http = new HttpJson(port);
        users = UserServiceBeside.get();
        GatewayBeside.start();
        new HttpJson(GatewayBeside.url()).put("/admin/faults", "{\"latencyMs\":0,\"failureRate\":0}");
        gatewayBreaker.transitionToClosedState();
    }

    @Test
    void billsATripOnceWhenItsCompletionIsDeliveredAgainCapturingTheHoldAndChargingTheRest() throws Exception {
        UUID rider = users.rider("50.00");
        String booking = UUID.randomUUID().toString();
        users.hold(rider, booking, "5.00");
        // 10 km, 20 min: 1.00 + 10 x 0.90 + 20 x 0.25 = 15.00; 5.00 from the hold, 10.00 through the gateway.
        EventEnvelope completed = TripCompletions.tripCompleted(rider, booking, "10.0", "20");
        UUID tripId = UUID.fromString(completed.aggregateId());

        try (TopicRecords billing = TopicRecords.fromNow(Topics.BILLING);
             TripCompletions trips = new TripCompletions()) {
            trips.publish(completed);
            trips.publish(completed);                                  // redelivered
            EventEnvelope replayed = TripCompletions.tripCompleted(tripId, rider, booking, "10.0", "20");
            trips.publish(replayed);                                   // the same trip under a new event id

            List<ConsumerRecord<String, String>> events = billing.awaitUntil(
                    seen -> count(seen, EventTypes.INVOICE_PAID, tripId) == 1, WAIT);
            await().atMost(WAIT).until(() -> jdbc.queryForObject(
                    "select count(*) from processed_event where consumer = 'issue-invoice' and event_id in (?, ?)",
                    Long.class, completed.eventId(), replayed.eventId()) == 2);
            events = billing.readToEnd(WAIT);

            assertThat(count(events, EventTypes.INVOICE_ISSUED, tripId)).isEqualTo(1);
            assertThat(count(events, EventTypes.INVOICE_PAID, tripId)).isEqualTo(1);
            JsonNode issued = data(events, EventTypes.INVOICE_ISSUED, tripId);
            assertThat(issued.get("amount").decimalValue()).isEqualByComparingTo("15.00");
            assertThat(issued.get("distanceFare").decimalValue()).isEqualByComparingTo("9.00");
            assertThat(issued.get("timeFare").decimalValue()).isEqualByComparingTo("5.00");
            assertThat(issued.get("currency").asText()).isEqualTo("EUR");
            JsonNode paid = data(events, EventTypes.INVOICE_PAID, tripId);
            assertThat(paid.get("fromCredits").decimalValue()).isEqualByComparingTo("5.00");
            assertThat(paid.get("throughGateway").decimalValue()).isEqualByComparingTo("10.00");
        }

        UUID invoiceId = jdbc.queryForObject("select id from invoice where trip_id = ?", UUID.class, tripId);
        assertThat(jdbc.queryForObject("select count(*) from invoice where trip_id = ?", Long.class, tripId)).isEqualTo(1);
        assertThat(users.captures(booking)).isEqualTo(1);
        assertThat(users.balance(rider)).isEqualByComparingTo("45.00");
        assertThat(users.held(rider)).isEqualByComparingTo("0");
        assertThat(GatewayBeside.chargesOf("invoice-" + invoiceId)).isEqualTo(1);
        assertThat(jdbc.queryForList("select method || ' ' || amount from payment where invoice_id = ? order by method",
                String.class, invoiceId)).containsExactly("CREDITS 5.00", "GATEWAY 10.00");

        var invoice = http.get("/billing/invoices/" + invoiceId);
        assertThat(invoice.json().get("status").asText()).isEqualTo("PAID");
        assertThat(invoice.json().get("creditsCaptured").decimalValue()).isEqualByComparingTo("5.00");
        var again = http.post("/billing/invoices/" + invoiceId + "/payments", "");
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.contentType()).hasValue("application/problem+json");
    }

    @Test
    void paysFromTheHoldAloneAndGivesTheRestBackWhenTheHoldCoversTheFare() {
        UUID rider = users.rider("50.00");
        String booking = UUID.randomUUID().toString();
        users.hold(rider, booking, "20.00");
        EventEnvelope completed = TripCompletions.tripCompleted(rider, booking, "10.0", "20"); // 15.00

        try (TripCompletions trips = new TripCompletions()) {
            trips.publish(completed);
        }
        UUID invoiceId = awaitInvoice(UUID.fromString(completed.aggregateId()), "PAID");

        assertThat(users.balance(rider)).isEqualByComparingTo("35.00"); // 30 + 5 given back
        assertThat(users.held(rider)).isEqualByComparingTo("0");
        assertThat(GatewayBeside.chargesOf("invoice-" + invoiceId)).isZero();

        var account = http.get("/billing/accounts/" + rider);
        assertThat(account.status()).as(account.raw()).isEqualTo(200);
        assertThat(account.json().get("balance").decimalValue()).isEqualByComparingTo("35.00");
        assertThat(account.json().get("held").decimalValue()).isEqualByComparingTo("0");
        assertThat(account.json().get("amountDue").decimalValue()).isEqualByComparingTo("0");
        assertThat(account.json().get("entries").findValuesAsText("type"))
                .contains("HOLD", "INVOICE", "PAYMENT_CREDITS");
        assertThat(http.get("/billing/accounts/" + UUID.randomUUID()).status()).isEqualTo(404);
        assertThat(http.get("/billing/invoices?userId=" + rider).json().at("/items/0/id").asText())
                .isEqualTo(invoiceId.toString());
    }

    @Test
    void sendsARecordThatKeepsFailingToTheDeadLetterTopicWithTheReasonAndMovesOn() throws Exception {
        UUID rider = users.rider("10.00");
        // A fare beyond NUMERIC(14,2): the insert fails every time, the retries are bounded.
        EventEnvelope unbillable = TripCompletions.tripCompleted(rider, UUID.randomUUID().toString(), "9000000000000", "1");
        EventEnvelope negative = TripCompletions.tripCompleted(rider, UUID.randomUUID().toString(), "-1", "1");
        EventEnvelope fine = TripCompletions.tripCompleted(rider, UUID.randomUUID().toString(), "1", "1");

        try (TopicRecords deadLetters = TopicRecords.fromNow(Topics.deadLetterOf(Topics.TRIPS));
             TripCompletions trips = new TripCompletions()) {
            trips.publish(unbillable);
            trips.publish(negative);
            trips.publish(fine);

            List<ConsumerRecord<String, String>> dead = deadLetters.awaitUntil(seen -> seen.size() >= 2, WAIT);
            assertThat(dead).extracting(ConsumerRecord::key)
                    .containsExactlyInAnyOrder(unbillable.aggregateId(), negative.aggregateId());
            for (ConsumerRecord<String, String> record : dead) {
                assertThat(TopicRecords.header(record, EventHeaders.DEAD_LETTER_REASON)).isNotBlank();
            }
            assertThat(reasonOf(dead, negative.aggregateId())).contains("must not be negative");
        }
        awaitInvoice(UUID.fromString(fine.aggregateId()), "PAID");
        assertThat(jdbc.queryForObject("select count(*) from invoice where trip_id in (?, ?)", Long.class,
                UUID.fromString(unbillable.aggregateId()), UUID.fromString(negative.aggregateId()))).isZero();
        assertThat(http.get("/actuator/prometheus").raw())
                .contains("mobility_dead_letters_total{topic=\"" + Topics.deadLetterOf(Topics.TRIPS) + "\"}");
    }

    private UUID awaitInvoice(UUID tripId, String status) {
        await().atMost(WAIT).until(() -> status.equals(jdbc.query("select status from invoice where trip_id = ?",
                rs -> rs.next() ? rs.getString(1) : null, tripId)));
        return jdbc.queryForObject("select id from invoice where trip_id = ?", UUID.class, tripId);
    }

    private static long count(List<ConsumerRecord<String, String>> records, String type, UUID tripId) {
        return records.stream().filter(r -> type.equals(eventType(r)) && tripId.toString().equals(tripIdOf(r))).count();
    }

    private static JsonNode data(List<ConsumerRecord<String, String>> records, String type, UUID tripId) {
        return records.stream().filter(r -> type.equals(eventType(r)) && tripId.toString().equals(tripIdOf(r)))
                .map(r -> envelope(r).get("data")).findFirst().orElseThrow();
    }

    private static String eventType(ConsumerRecord<String, String> record) {
        return envelope(record).path("eventType").asText();
    }

    private static String tripIdOf(ConsumerRecord<String, String> record) {
        return envelope(record).at("/data/tripId").asText();
    }

    private static JsonNode envelope(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String reasonOf(List<ConsumerRecord<String, String>> records, String key) {
        return records.stream().filter(r -> key.equals(r.key()))
                .map(r -> TopicRecords.header(r, EventHeaders.DEAD_LETTER_REASON)).findFirst().orElseThrow();
    }
}
