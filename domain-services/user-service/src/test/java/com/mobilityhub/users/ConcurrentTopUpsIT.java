package com.mobilityhub.users;

import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

@WholeUserService
class ConcurrentTopUpsIT {

    private static final int TOP_UPS = 20;

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void concurrentTopUpsOfOneAccountAllCountAndEndWithTheExactSum() throws Exception {
        HttpJson http = new HttpJson(port);
        String id = http.post("/users", UserAccountsIT.registration("Racer", "racer." + UUID.randomUUID() + "@example.com", "0"))
                .json().get("id").asText();
        // 1.01, 2.02, ... 20.20: every amount distinct, the total exact only if none is lost.
        List<BigDecimal> amounts = LongStream.rangeClosed(1, TOP_UPS)
                .mapToObj(i -> BigDecimal.valueOf(i * 101, 2)).toList();
        BigDecimal total = amounts.stream().reduce(BigDecimal.ZERO, BigDecimal::add);

        try (TopicRecords events = TopicRecords.fromNow(Topics.USERS);
             ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<HttpJson.Response>> answers = new ArrayList<>();
            for (BigDecimal amount : amounts) {
                answers.add(clients.submit(() -> {
                    start.await();
                    return http.post("/users/" + id + "/credits", "{\"amount\":" + amount.toPlainString() + "}");
                }));
            }
            start.countDown();
            for (Future<HttpJson.Response> answer : answers) {
                assertThat(answer.get().status()).as(answer.get().raw()).isEqualTo(200);
            }

            assertThat(http.get("/users/" + id).json().at("/credits/balance").decimalValue()).isEqualByComparingTo(total);
            assertThat(jdbc.queryForObject("select version from credit_account where user_id = ?::uuid", Long.class, id))
                    .isEqualTo(TOP_UPS);

            // One CreditsToppedUp per top-up, versions 1..20 each once, the last one carrying the total.
            Predicate<ConsumerRecord<String, String>> ourTopUp = r -> id.equals(r.key())
                    && EventTypes.CREDITS_TOPPED_UP.equals(TopicRecords.header(r, EventHeaders.EVENT_TYPE));
            Map<Long, JsonNode> byVersion = events.awaitUntil(
                            records -> records.stream().filter(ourTopUp).count() >= TOP_UPS, Duration.ofSeconds(60))
                    .stream().filter(ourTopUp)
                    .map(r -> read(r.value()))
                    .collect(Collectors.toMap(e -> e.get("version").asLong(), Function.identity(), (a, b) -> a));
            assertThat(byVersion.keySet()).containsExactlyInAnyOrderElementsOf(LongStream.rangeClosed(1, TOP_UPS).boxed().toList());
            assertThat(byVersion.values().stream().map(e -> e.at("/data/amount").decimalValue()).reduce(BigDecimal.ZERO, BigDecimal::add))
                    .isEqualByComparingTo(total);
            assertThat(byVersion.get((long) TOP_UPS).at("/data/balance").decimalValue()).isEqualByComparingTo(total);
        }
    }

    private static JsonNode read(String json) {
        try {
            return EventJson.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
