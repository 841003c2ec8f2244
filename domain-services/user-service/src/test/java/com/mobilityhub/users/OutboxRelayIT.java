package com.mobilityhub.users;

import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventSchemas;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.infra.LocalKafkaBroker;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.kit.outbox.OutboxRelayRoute;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

@WholeUserService
class OutboxRelayIT {

    private static final Logger LOG = LoggerFactory.getLogger(OutboxRelayIT.class);
    private static final int REGISTRATIONS = 12;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    MeterRegistry meters;

    @Test
    void keepsAcceptingWritesWhileKafkaIsDownAndDrainsTheOutboxWhenItReturns() throws Exception {
        HttpJson http = new HttpJson(port);
        LocalKafkaBroker kafka = SharedInfrastructure.get().kafka();
        Outboxes.awaitEmpty(jdbc, Duration.ofSeconds(60)); // the relay is idle and connected

        List<String> userIds = new ArrayList<>();
        Set<String> recordedEventIds;
        kafka.stop();
        try {
            for (int i = 0; i < REGISTRATIONS; i++) {
                var registered = http.post("/users", UserAccountsIT.registration("Offline " + i,
                        "offline." + UUID.randomUUID() + "@example.com", "1.50"));
                assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
                userIds.add(registered.json().get("id").asText());
            }
            // Nothing can have left: every event waits in the outbox, committed with its user.
            recordedEventIds = new HashSet<>(jdbc.queryForList(
                    "select event_id::text from outbox_event where event_type = ? and aggregate_id = any (?)",
                    String.class, EventTypes.USER_REGISTERED, userIds.toArray(String[]::new)));
            assertThat(recordedEventIds).hasSize(REGISTRATIONS);
            // The relay's sends fail within max-block-ms instead of hanging; it keeps polling.
            double failedBefore = failedRelayExchanges();
            awaitTrue(() -> failedRelayExchanges() >= failedBefore + 2, Duration.ofSeconds(60),
                    "the outbox relay reporting failed sends while Kafka is down");
            assertThat(Outboxes.pending(jdbc)).isGreaterThanOrEqualTo(REGISTRATIONS);
        } finally {
            kafka.start();
        }

        Set<String> ours = Set.copyOf(userIds);
        try (TopicRecords topic = TopicRecords.fromBeginning(Topics.USERS)) {
            List<ConsumerRecord<String, String>> arrived = topic.awaitUntil(
                    records -> eventIdsOf(records, ours).size() == REGISTRATIONS, Duration.ofSeconds(120))
                    .stream().filter(r -> ours.contains(r.key())).toList();

            assertThat(eventIdsOf(arrived, ours)).isEqualTo(recordedEventIds);
            for (ConsumerRecord<String, String> record : arrived) {
                JsonNode envelope = read(record.value());
                assertThat(EventSchemas.envelopeViolations(envelope)).isEmpty();
                assertThat(envelope.get("eventType").asText()).isEqualTo(EventTypes.USER_REGISTERED);
                assertThat(envelope.get("aggregateId").asText()).isEqualTo(record.key());
                assertThat(TopicRecords.header(record, EventHeaders.EVENT_ID)).isEqualTo(envelope.get("eventId").asText());
            }
            // At-least-once: a batch that failed half-sent is sent again. Consumers drop the copies.
            Map<String, Long> copies = arrived.stream()
                    .collect(Collectors.groupingBy(r -> read(r.value()).get("eventId").asText(), Collectors.counting()));
            copies.values().removeIf(count -> count == 1);
            LOG.info("{} registrations while Kafka was down: {} records arrived, duplicated event ids: {}",
                    REGISTRATIONS, arrived.size(), copies.isEmpty() ? "none" : copies);
        }
        Outboxes.awaitEmpty(jdbc, Duration.ofSeconds(60));
    }

    /** Exchanges of the outbox-relay route that ended failed (camel-micrometer route policy). */
    private double failedRelayExchanges() {
        return meters.getMeters().stream()
                .filter(m -> OutboxRelayRoute.ROUTE_ID.equals(m.getId().getTag("routeId")))
                .filter(m -> m.getId().getName().replace(".", "").equalsIgnoreCase("camelexchangesfailed"))
                .mapToDouble(m -> m.measure().iterator().next().getValue())
                .sum();
    }

    private static void awaitTrue(BooleanSupplier condition, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Timed out after " + timeout + " waiting for " + what);
            }
            Thread.sleep(100);
        }
    }

    private static Set<String> eventIdsOf(List<ConsumerRecord<String, String>> records, Set<String> userIds) {
        return records.stream().filter(r -> userIds.contains(r.key()))
                .map(r -> read(r.value()).get("eventId").asText())
                .collect(Collectors.toSet());
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
