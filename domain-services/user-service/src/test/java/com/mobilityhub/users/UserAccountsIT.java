package com.mobilityhub.users;

import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventSchemas;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WholeUserService
class UserAccountsIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    HttpJson http;

    @BeforeEach
    void client() {
        http = new HttpJson(port);
    }

    @Test
    void registersReadsBackAndTopsUpPublishingEachChangeKeyedByTheUser() throws Exception {
        try (TopicRecords events = TopicRecords.fromNow(Topics.USERS)) {
            String email = "ada." + UUID.randomUUID() + "@example.com";

            var registered = http.post("/users",
                    "{\"name\":\"Ada Lovelace\",\"email\":\"" + email + "\",\"initialCredits\":25.5}");
            assertThat(registered.status()).isEqualTo(201);
            assertThat(registered.contentType()).hasValue("application/json");
            String id = registered.json().get("id").asText();
            assertThat(registered.location()).hasValue("/users/" + id);
            assertThat(registered.json().get("name").asText()).isEqualTo("Ada Lovelace");
            assertThat(registered.json().get("email").asText()).isEqualTo(email);
            assertThat(registered.json().at("/credits/balance").decimalValue()).isEqualByComparingTo("25.50");
            assertThat(registered.json().at("/credits/held").decimalValue()).isEqualByComparingTo("0");

            var readBack = http.get(registered.location().orElseThrow());
            assertThat(readBack.status()).isEqualTo(200);
            assertThat(readBack.json()).isEqualTo(registered.json());

            // Money also travels as a decimal string (API.md).
            var toppedUp = http.post("/users/" + id + "/credits", "{\"amount\":\"10.25\"}");
            assertThat(toppedUp.status()).isEqualTo(200);
            assertThat(toppedUp.json().at("/credits/balance").decimalValue()).isEqualByComparingTo("35.75");
            assertThat(http.get("/users/" + id).json().at("/credits/balance").decimalValue()).isEqualByComparingTo("35.75");

            var account = http.get("/users/" + id + "/credit-account");
            assertThat(account.status()).isEqualTo(200);
            assertThat(account.json().get("userId").asText()).isEqualTo(id);
            assertThat(account.json().get("balance").decimalValue()).isEqualByComparingTo("35.75");
            assertThat(account.json().get("holds").size()).isZero();

            List<ConsumerRecord<String, String>> published = events.awaitUntil(
                    records -> records.stream().filter(r -> id.equals(r.key())).count() >= 2, Duration.ofSeconds(60))
                    .stream().filter(r -> id.equals(r.key())).toList();
            assertThat(published).hasSize(2);
            for (ConsumerRecord<String, String> record : published) {
                JsonNode envelope = EventJson.mapper().readTree(record.value());
                assertThat(EventSchemas.envelopeViolations(envelope)).isEmpty();
                assertThat(envelope.get("aggregateId").asText()).isEqualTo(id);
                assertThat(TopicRecords.header(record, EventHeaders.EVENT_ID)).isEqualTo(envelope.get("eventId").asText());
                assertThat(TopicRecords.header(record, EventHeaders.EVENT_TYPE)).isEqualTo(envelope.get("eventType").asText());
            }
            JsonNode userRegistered = EventJson.mapper().readTree(published.get(0).value());
            assertThat(userRegistered.get("eventType").asText()).isEqualTo(EventTypes.USER_REGISTERED);
            assertThat(userRegistered.get("version").asLong()).isZero();
            assertThat(userRegistered.at("/data/email").asText()).isEqualTo(email);
            assertThat(userRegistered.at("/data/name").asText()).isEqualTo("Ada Lovelace");
            assertThat(userRegistered.at("/data/initialCredits").decimalValue()).isEqualByComparingTo("25.50");

            JsonNode creditsToppedUp = EventJson.mapper().readTree(published.get(1).value());
            assertThat(creditsToppedUp.get("eventType").asText()).isEqualTo(EventTypes.CREDITS_TOPPED_UP);
            assertThat(creditsToppedUp.get("version").asLong()).isEqualTo(1);
            assertThat(creditsToppedUp.at("/data/amount").decimalValue()).isEqualByComparingTo("10.25");
            assertThat(creditsToppedUp.at("/data/balance").decimalValue()).isEqualByComparingTo("35.75");
        }
    }

    @Test
    void refusesASecondRegistrationOfAnEmailWhateverItsLetterCase() {
        String email = "grace." + UUID.randomUUID() + "@example.com";
        assertThat(http.post("/users", registration("Grace", email, "5")).status()).isEqualTo(201);

        var duplicate = http.post("/users", registration("Grace Again", email.toUpperCase(), "5"));

        assertThat(duplicate.status()).isEqualTo(409);
        assertThat(duplicate.contentType()).hasValue("application/problem+json");
        assertThat(duplicate.json().get("status").asInt()).isEqualTo(409);
        assertThat(duplicate.json().get("title").asText()).isNotBlank();
        assertThat(jdbc.queryForObject("select count(*) from users where lower(email) = lower(?)", Long.class, email))
                .isEqualTo(1);
    }

    @Test
    void registersAnEmailOnceEvenWhenRegistrationsRace() throws Exception {
        String email = "race." + UUID.randomUUID() + "@example.com";
        List<Integer> statuses;
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> answers = IntStream.range(0, 8).mapToObj(i -> clients.submit(() -> {
                start.await();
                return http.post("/users", registration("Racer " + i, email, "1")).status();
            })).toList();
            start.countDown();
            statuses = new ArrayList<>();
            for (Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
        }
        // Whoever loses, at the existence check or at the unique index, gets a 409, never a 500.
        assertThat(statuses).containsOnlyOnce(201).containsOnly(201, 409);
        assertThat(jdbc.queryForObject("select count(*) from users where lower(email) = lower(?)", Long.class, email))
                .isEqualTo(1);
    }

    @Test
    void answersNotFoundForUnknownOrMalformedUserIds() {
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/users/" + unknown, "/users/not-a-uuid", "/users/1-1-1-1-1",
                "/users/" + unknown + "/credit-account", "/users/not-a-uuid/credit-account")) {
            var answer = http.get(path);
            assertThat(answer.status()).as(path).isEqualTo(404);
            assertThat(answer.contentType()).as(path).hasValue("application/problem+json");
            assertThat(answer.json().get("status").asInt()).as(path).isEqualTo(404);
        }
        var topUp = http.post("/users/" + unknown + "/credits", "{\"amount\":5}");
        assertThat(topUp.status()).isEqualTo(404);
    }

    @Test
    void showsTheHoldsOnAnAccountWhoseInvariantsTheDatabaseEnforces() {
        var registered = http.post("/users", registration("Hedy", "hedy." + UUID.randomUUID() + "@example.com", "50"));
        UUID id = UUID.fromString(registered.json().get("id").asText());
        String bookingId = "booking-" + UUID.randomUUID();
        // What the booking saga will do: move 20 from the balance into a hold.
        jdbc.update("update credit_account set balance = balance - 20, held = held + 20, version = version + 1 where user_id = ?", id);
        jdbc.update("insert into credit_hold (id, user_id, booking_id, amount, status, created_at, updated_at) "
                + "values (?, ?, ?, 20.00, 'HELD', now(), now())", UUID.randomUUID(), id, bookingId);

        var account = http.get("/users/" + id + "/credit-account");

        assertThat(account.status()).isEqualTo(200);
        assertThat(account.json().get("balance").decimalValue()).isEqualByComparingTo("30");
        assertThat(account.json().get("held").decimalValue()).isEqualByComparingTo("20");
        assertThat(account.json().get("holds")).hasSize(1);
        assertThat(account.json().at("/holds/0/bookingId").asText()).isEqualTo(bookingId);
        assertThat(account.json().at("/holds/0/status").asText()).isEqualTo("HELD");
        assertThat(account.json().at("/holds/0/amount").decimalValue()).isEqualByComparingTo("20");

        assertThatThrownBy(() -> jdbc.update("update credit_account set balance = -0.01 where user_id = ?", id))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("credit_account_balance_not_negative");
        assertThatThrownBy(() -> jdbc.update("update credit_account set held = -0.01 where user_id = ?", id))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("credit_account_held_not_negative");
        assertThatThrownBy(() -> jdbc.update("insert into credit_hold (id, user_id, booking_id, amount, status, created_at, updated_at) "
                + "values (?, ?, ?, 1.00, 'HELD', now(), now())", UUID.randomUUID(), id, bookingId))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("uq_credit_hold_booking");
        assertThatThrownBy(() -> jdbc.update("update credit_hold set status = 'PENDING' where booking_id = ?", bookingId))
                .isInstanceOf(DataIntegrityViolationException.class).hasMessageContaining("credit_hold_status_known");
    }

    @Test
    void exposesHealthProbesAndRouteMetrics() {
        http.get("/users/" + UUID.randomUUID());
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(200);
        var prometheus = http.get("/actuator/prometheus");
        assertThat(prometheus.status()).isEqualTo(200);
        assertThat(prometheus.raw()).contains("routeId=\"get-user\"");
    }

    static String registration(String name, String email, String initialCredits) {
        return "{\"name\":\"" + name + "\",\"email\":\"" + email + "\",\"initialCredits\":" + initialCredits + "}";
    }
}
