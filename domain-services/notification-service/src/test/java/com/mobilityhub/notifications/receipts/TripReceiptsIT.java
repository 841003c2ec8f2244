package com.mobilityhub.notifications.receipts;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.billing.InvoiceIssued;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.infra.TopicRecords;
import com.mobilityhub.notifications.HttpJson;
import com.mobilityhub.notifications.WholeNotificationService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The receipt step of the trip completion choreography: InvoiceIssued (billing) in, TRIP_RECEIPT and ReceiptSent out. */
@WholeNotificationService
class TripReceiptsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** One partition is consumed in order: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;

    KafkaProducer<String, String> producer;

    @BeforeAll
    static void topicsExistBeforeTheConsumerStarts() {
        SharedInfrastructure.get().kafka().createTopics(List.of(Topics.BILLING, Topics.deadLetterOf(Topics.BILLING),
                Topics.NOTIFICATIONS), 3);
    }

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void sendsOneReceiptPerInvoiceHoweverOftenItIsIssued() throws Exception {
        UUID rider = UUID.randomUUID();
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            EventEnvelope issued = invoiceIssued(rider, "17.90");
            publish(issued);
            publish(issued);
            // The same invoice under a new event id (a replayed topic): still one receipt.
            publish(new EventEnvelope(UUID.randomUUID(), issued.aggregateId(), issued.eventType(), issued.occurredAt(),
                    issued.version(), issued.data()));
            UUID laterRider = UUID.randomUUID();
            publish(invoiceIssued(laterRider, "5.00"));

            await().atMost(WAIT).until(() -> receiptsOf(laterRider) == 1);
            assertThat(receiptsOf(rider)).isEqualTo(1);
            var listed = new HttpJson(port).get("/notifications?userId=" + rider);
            assertThat(listed.json().at("/items/0/kind").asText()).isEqualTo("TRIP_RECEIPT");
            assertThat(listed.json().at("/items/0/subject").asText()).contains("17.90 EUR");
            assertThat(listed.json().at("/items/0/sourceEventId").asText()).isEqualTo(issued.aggregateId());

            List<ConsumerRecord<String, String>> sent = notifications.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.value().contains(laterRider.toString())), WAIT);
            List<ConsumerRecord<String, String>> ours = sent.stream()
                    .filter(r -> issued.aggregateId().equals(r.key())).toList();
            assertThat(ours).hasSize(1);
            assertThat(EventJson.mapper().readTree(ours.getFirst().value()).path("eventType").asText())
                    .isEqualTo(EventTypes.RECEIPT_SENT);
            assertThat(EventJson.mapper().readTree(ours.getFirst().value()).at("/data/amount").decimalValue())
                    .isEqualByComparingTo("17.90");
        }
    }

    @Test
    void sendsAnInvoiceWithoutARiderToTheDeadLetterTopic() throws Exception {
        UUID invoiceId = UUID.randomUUID();
        try (TopicRecords deadLetters = TopicRecords.fromNow(Topics.deadLetterOf(Topics.BILLING))) {
            publish(EventEnvelope.of(EventTypes.INVOICE_ISSUED, invoiceId.toString(), 1, EventJson.mapper()
                    .valueToTree(Map.of("invoiceId", invoiceId, "tripId", UUID.randomUUID(), "amount", "3.00"))));

            ConsumerRecord<String, String> refused = deadLetters.awaitUntil(records -> records.stream()
                    .anyMatch(r -> invoiceId.toString().equals(r.key())), WAIT).stream()
                    .filter(r -> invoiceId.toString().equals(r.key())).findFirst().orElseThrow();
            assertThat(TopicRecords.header(refused, EventHeaders.DEAD_LETTER_REASON)).contains("userId");
        }
    }

    private long receiptsOf(UUID rider) {
        return jdbc.queryForObject("select count(*) from notification where user_id = ? and kind = 'TRIP_RECEIPT'",
                Long.class, rider);
    }

    private static EventEnvelope invoiceIssued(UUID rider, String amount) {
        UUID invoiceId = UUID.randomUUID();
        InvoiceIssued invoice = new InvoiceIssued(invoiceId, UUID.randomUUID(), UUID.randomUUID().toString(), rider,
                new BigDecimal(amount), "EUR", new BigDecimal("2.50"), BigDecimal.ONE, BigDecimal.ONE,
                new BigDecimal("4.200"), new BigDecimal("9.00"), Instant.now());
        return EventEnvelope.of(EventTypes.INVOICE_ISSUED, invoiceId.toString(), 1, EventJson.mapper().valueToTree(invoice));
    }

    private void publish(EventEnvelope event) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(Topics.BILLING, PARTITION, event.aggregateId(),
                EventJson.mapper().writeValueAsString(event));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        producer.send(record).get();
    }
}
