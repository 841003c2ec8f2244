package com.mobilityhub.notifications;

import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.infra.SharedInfrastructure;
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

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WholeNotificationService
class WelcomeNotificationsIT {

    /** Records on one partition are consumed in order: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    KafkaProducer<String, String> producer;

    @BeforeAll
    static void topicsExistBeforeTheConsumerStarts() {
        SharedInfrastructure.get().kafka().createTopics(List.of(Topics.USERS, Topics.deadLetterOf(Topics.USERS)), 3);
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
    void appliesAReplayedEventOnlyOnce() throws Exception {
        UUID replayed = UUID.randomUUID();
        EventEnvelope registration = userRegistered(replayed, "Ada");
        publish(replayed.toString(), EventJson.mapper().writeValueAsString(registration));
        publish(replayed.toString(), EventJson.mapper().writeValueAsString(registration));
        UUID later = UUID.randomUUID();
        publish(later.toString(), EventJson.mapper().writeValueAsString(userRegistered(later, "Grace")));

        awaitNotificationFor(later);

        assertThat(notificationsOf(replayed)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                registration.eventId())).isEqualTo(1);
        var listed = new HttpJson(port).get("/notifications?userId=" + replayed);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("items")).hasSize(1);
        assertThat(listed.json().at("/items/0/kind").asText()).isEqualTo("WELCOME");
        assertThat(listed.json().at("/items/0/recipient").asText()).isEqualTo("ada@example.com");
        assertThat(listed.json().at("/items/0/sourceEventId").asText()).isEqualTo(registration.eventId().toString());
        assertThat(listed.json().at("/page/totalItems").asLong()).isEqualTo(1);
    }

    @Test
    void sendsAMalformedRecordToTheDeadLetterTopicWithTheReason() throws Exception {
        String garbage = "this is not an event {";
        String notAnEnvelope = "{\"hello\":\"world\"}";
        UUID next = UUID.randomUUID();
        try (TopicRecords deadLetters = TopicRecords.fromNow(Topics.deadLetterOf(Topics.USERS))) {
            publish("garbage-" + next, garbage);
            publish("stranger-" + next, notAnEnvelope);
            publish(next.toString(), EventJson.mapper().writeValueAsString(userRegistered(next, "Hedy")));

            List<ConsumerRecord<String, String>> refused = deadLetters.awaitUntil(records -> records.size() >= 2, Duration.ofSeconds(60));
            assertThat(refused).extracting(ConsumerRecord::value).containsExactly(garbage, notAnEnvelope);
            assertThat(refused).extracting(ConsumerRecord::key).containsExactly("garbage-" + next, "stranger-" + next);
            assertThat(refused).allSatisfy(record ->
                    assertThat(TopicRecords.header(record, EventHeaders.DEAD_LETTER_REASON)).isNotBlank());
            assertThat(TopicRecords.header(refused.get(1), EventHeaders.DEAD_LETTER_REASON)).contains("eventId");
        }
        // The consumer went on: the valid event behind the refused ones is applied.
        awaitNotificationFor(next);
        assertThat(notificationsOf(next)).isEqualTo(1);
    }

    @Test
    void refusesAUserIdThatIsNotAUuid() {
        var answer = new HttpJson(port).get("/notifications?userId=nope");
        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).hasValue("application/problem+json");
        assertThat(answer.json().at("/errors/0/field").asText()).isEqualTo("userId");
    }

    private static EventEnvelope userRegistered(UUID userId, String name) {
        ObjectNode data = EventJson.mapper().createObjectNode()
                .put("userId", userId.toString())
                .put("name", name)
                .put("email", name.toLowerCase() + "@example.com")
                .put("initialCredits", "10.00");
        return EventEnvelope.of(EventTypes.USER_REGISTERED, userId.toString(), 0, data);
    }

    private void publish(String key, String value) throws Exception {
        producer.send(new ProducerRecord<>(Topics.USERS, PARTITION, key, value)).get();
    }

    private long notificationsOf(UUID userId) {
        return jdbc.queryForObject("select count(*) from notification where user_id = ?", Long.class, userId);
    }

    private void awaitNotificationFor(UUID userId) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (notificationsOf(userId) == 0) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("No notification for " + userId + " after 90 s");
            }
            Thread.sleep(100);
        }
    }
}
