package com.mobilityhub.users.credits;

import com.mobilityhub.users.HttpJson;
import com.mobilityhub.users.WholeUserService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** billing-service's capture of a booking's hold, over real HTTP against the real database. */
@WholeUserService
class CreditCaptureIT {

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
    void capturesTheFareUpToTheHoldAndGivesTheRestBackOnceEvenWhenRepeatedConcurrently() throws Exception {
        UUID user = registerUser("50.00");
        String booking = hold(user, "20.00");

        List<Future<HttpJson.Response>> answers = new ArrayList<>();
        try (ExecutorService billing = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 5; i++) {
                answers.add(billing.submit(() -> http.post("/credits/holds/" + booking + "/capture", "{\"amount\":\"12.35\"}")));
            }
        }
        for (Future<HttpJson.Response> answer : answers) {
            HttpJson.Response capture = answer.get();
            assertThat(capture.status()).as(capture.raw()).isEqualTo(200);
            assertThat(capture.json().get("captured").decimalValue()).isEqualByComparingTo("12.35");
            assertThat(capture.json().get("released").decimalValue()).isEqualByComparingTo("7.65");
        }
        var account = http.get("/users/" + user + "/credit-account").json();
        assertThat(account.get("balance").decimalValue()).isEqualByComparingTo("37.65"); // 30 + 7.65 given back
        assertThat(account.get("held").decimalValue()).isEqualByComparingTo("0");
        assertThat(account.at("/holds/0/status").asText()).isEqualTo("CAPTURED");
        assertThat(jdbc.queryForObject("select count(*) from credit_capture where booking_id = ?", Long.class, booking))
                .isEqualTo(1);
    }

    @Test
    void capturesAtMostTheHoldWhenTheFareIsHigher() {
        UUID user = registerUser("10.00");
        String booking = hold(user, "8.00");

        var capture = http.post("/credits/holds/" + booking + "/capture", "{\"amount\":13.40}");

        assertThat(capture.status()).as(capture.raw()).isEqualTo(200);
        assertThat(capture.json().get("captured").decimalValue()).isEqualByComparingTo("8.00");
        assertThat(capture.json().get("released").decimalValue()).isEqualByComparingTo("0");
        var account = http.get("/users/" + user + "/credit-account").json();
        assertThat(account.get("balance").decimalValue()).isEqualByComparingTo("2.00");
        assertThat(account.get("held").decimalValue()).isEqualByComparingTo("0");
    }

    @Test
    void refusesUnknownAndReleasedHoldsAndBadAmountsChangingNothing() {
        assertThat(http.post("/credits/holds/" + UUID.randomUUID() + "/capture", "{\"amount\":1}").status()).isEqualTo(404);

        UUID user = registerUser("10.00");
        String booking = hold(user, "4.00");
        for (String bad : new String[] {"{\"amount\":-1}", "{\"amount\":1.234}", "{}", "{\"amount\":1,\"x\":1}"}) {
            var refused = http.post("/credits/holds/" + booking + "/capture", bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.contentType()).hasValue("application/problem+json");
            assertThat(refused.json().at("/errors/0/field").asText()).isIn("amount", "x");
        }
        jdbc.update("update credit_hold set status = 'RELEASED' where booking_id = ?", booking);
        var released = http.post("/credits/holds/" + booking + "/capture", "{\"amount\":1}");
        assertThat(released.status()).isEqualTo(409);
        assertThat(jdbc.queryForObject("select held from credit_account where user_id = ?", BigDecimal.class, user))
                .isEqualByComparingTo("4.00");
    }

    private UUID registerUser(String credits) {
        var registered = http.post("/users", "{\"name\":\"Rider\",\"email\":\"rider." + UUID.randomUUID()
                + "@example.com\",\"initialCredits\":" + credits + "}");
        assertThat(registered.status()).isEqualTo(201);
        return UUID.fromString(registered.json().get("id").asText());
    }

    /** A hold as the booking saga leaves it (the saga itself is proven in CreditHoldSagaIT). */
    private String hold(UUID user, String amount) {
        String booking = UUID.randomUUID().toString();
        jdbc.update("update credit_account set balance = balance - ?::numeric, held = held + ?::numeric where user_id = ?",
                amount, amount, user);
        jdbc.update("insert into credit_hold (id, user_id, booking_id, amount, status, created_at, updated_at) "
                + "values (?, ?, ?, ?::numeric, 'HELD', now(), now())", UUID.randomUUID(), user, booking, amount);
        return booking;
    }
}
