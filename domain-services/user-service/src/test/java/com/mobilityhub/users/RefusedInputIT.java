package com.mobilityhub.users;

import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every malformed, mistyped, unknown or out-of-range input is a 400 naming the field, and changes nothing. */
@WholeUserService
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedInputIT {

    /** One refused request: what it shows, where it goes ({@code {id}}: an existing user), and the field blamed. */
    record BadInput(String description, String path, String body, String field) {
        @Override
        public String toString() {
            return description;
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpJson http;
    String existingUser;

    @BeforeAll
    void registerTheUserToTopUp() {
        http = new HttpJson(port);
        var registered = http.post("/users", UserAccountsIT.registration("Topped", "topped." + UUID.randomUUID() + "@example.com", "10.00"));
        assertThat(registered.status()).isEqualTo(201);
        existingUser = registered.json().get("id").asText();
    }

    static Stream<BadInput> badInputs() {
        String register = "/users";
        String topUp = "/users/{id}/credits";
        return Stream.of(
                new BadInput("registration: malformed JSON", register, "{\"name\":\"Ada\",\"email\":", "body"),
                new BadInput("registration: empty body", register, "", "body"),
                new BadInput("registration: JSON null", register, "null", "body"),
                new BadInput("registration: an array", register, "[]", "body"),
                new BadInput("registration: a field given twice", register,
                        "{\"name\":\"Ada\",\"name\":\"Eve\",\"email\":\"a@example.com\",\"initialCredits\":1}", "body"),
                new BadInput("registration: name missing", register, "{\"email\":\"a@example.com\",\"initialCredits\":1}", "name"),
                new BadInput("registration: email missing", register, "{\"name\":\"Ada\",\"initialCredits\":1}", "email"),
                new BadInput("registration: initialCredits missing", register, "{\"name\":\"Ada\",\"email\":\"a@example.com\"}", "initialCredits"),
                new BadInput("registration: initialCredits null", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":null}", "initialCredits"),
                new BadInput("registration: name is a number", register,
                        "{\"name\":42,\"email\":\"a@example.com\",\"initialCredits\":1}", "name"),
                new BadInput("registration: initialCredits is a boolean", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":true}", "initialCredits"),
                new BadInput("registration: initialCredits is not a decimal", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":\"lots\"}", "initialCredits"),
                new BadInput("registration: unknown field", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":1,\"role\":\"admin\"}", "role"),
                new BadInput("registration: negative initialCredits", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":-1}", "initialCredits"),
                new BadInput("registration: initialCredits with 3 decimals", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":10.005}", "initialCredits"),
                new BadInput("registration: initialCredits string with 3 decimals", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":\"10.005\"}", "initialCredits"),
                new BadInput("registration: initialCredits beyond 12 integer digits", register,
                        "{\"name\":\"Ada\",\"email\":\"a@example.com\",\"initialCredits\":1e13}", "initialCredits"),
                new BadInput("registration: not an email", register,
                        "{\"name\":\"Ada\",\"email\":\"ada\",\"initialCredits\":1}", "email"),
                new BadInput("registration: blank name", register,
                        "{\"name\":\"  \",\"email\":\"a@example.com\",\"initialCredits\":1}", "name"),
                new BadInput("top-up: malformed JSON", topUp, "{\"amount\":", "body"),
                new BadInput("top-up: amount missing", topUp, "{}", "amount"),
                new BadInput("top-up: amount null", topUp, "{\"amount\":null}", "amount"),
                new BadInput("top-up: zero", topUp, "{\"amount\":0}", "amount"),
                new BadInput("top-up: negative", topUp, "{\"amount\":-5}", "amount"),
                new BadInput("top-up: negative decimal string", topUp, "{\"amount\":\"-5.00\"}", "amount"),
                new BadInput("top-up: 3 decimals", topUp, "{\"amount\":1.001}", "amount"),
                new BadInput("top-up: amount is text", topUp, "{\"amount\":\"ten\"}", "amount"),
                new BadInput("top-up: amount is an object", topUp, "{\"amount\":{\"value\":1}}", "amount"),
                new BadInput("top-up: unknown field", topUp, "{\"amount\":1,\"currency\":\"EUR\"}", "currency"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void answers400NamingTheFieldAndWritesNothing(BadInput input) {
        Snapshot before = snapshot();

        var answer = http.post(input.path().replace("{id}", existingUser), input.body());

        assertThat(answer.status()).as(answer.raw()).isEqualTo(400);
        assertThat(answer.contentType()).hasValue("application/problem+json");
        assertThat(answer.json().get("type").asText()).isNotBlank();
        assertThat(answer.json().get("title").asText()).isNotBlank();
        assertThat(answer.json().get("status").asInt()).isEqualTo(400);
        assertThat(answer.json().get("detail").asText()).isNotBlank();
        assertThat(answer.json().get("errors").findValuesAsText("field")).as(answer.raw()).contains(input.field());
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void publishesNoEventForAnyRefusedInput() throws Exception {
        Outboxes.awaitEmpty(jdbc, Duration.ofSeconds(60)); // earlier events are on the topic, before our start
        try (TopicRecords events = TopicRecords.fromNow(Topics.USERS)) {
            badInputs().forEach(input -> assertThat(
                    http.post(input.path().replace("{id}", existingUser), input.body()).status()).isEqualTo(400));
            // The relay sends in outbox order, one record at a time: once a later event is on the
            // topic, anything recorded before it would be there too.
            var marker = http.post("/users", UserAccountsIT.registration("Marker", "marker." + UUID.randomUUID() + "@example.com", "1"));
            String markerId = marker.json().get("id").asText();
            events.awaitUntil(records -> records.stream().anyMatch(r -> markerId.equals(r.key())), Duration.ofSeconds(60));
            List<ConsumerRecord<String, String>> published = events.readToEnd(Duration.ofSeconds(30));

            assertThat(published).extracting(ConsumerRecord::key).containsOnly(markerId);
            JsonNode only = EventJson.mapper().readTree(published.getFirst().value());
            assertThat(only.get("eventType").asText()).isEqualTo("UserRegistered");
        }
    }

    /** Everything a refused request could have changed. The outbox sequence moves even on a rolled-back insert. */
    record Snapshot(long users, long accounts, String balances, long holds, long outboxSequence) {
    }

    private Snapshot snapshot() {
        return new Snapshot(
                jdbc.queryForObject("select count(*) from users", Long.class),
                jdbc.queryForObject("select count(*) from credit_account", Long.class),
                jdbc.queryForObject("select coalesce(sum(balance), 0)::text || '/' || coalesce(sum(held), 0)::text from credit_account", String.class),
                jdbc.queryForObject("select count(*) from credit_hold", Long.class),
                jdbc.queryForObject("select last_value from outbox_event_seq_seq", Long.class));
    }
}
