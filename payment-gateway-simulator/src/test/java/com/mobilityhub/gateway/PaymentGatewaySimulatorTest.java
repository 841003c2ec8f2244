package com.mobilityhub.gateway;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/** The simulator over real HTTP on a free port. */
class PaymentGatewaySimulatorTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private PaymentGatewaySimulator gateway;

    @BeforeEach
    void start() throws Exception {
        gateway = PaymentGatewaySimulator.start("127.0.0.1", 0, new Faults(Duration.ZERO, 0));
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    @Test
    void chargesAnIdempotencyKeyOnceWhateverTheNumberOfConcurrentRequests() throws Exception {
        List<Future<HttpResponse<String>>> answers = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 20; i++) {
                answers.add(clients.submit(() -> pay("invoice-1", "{\"amount\":\"12.30\",\"currency\":\"EUR\"}")));
            }
        }
        long created = 0;
        for (Future<HttpResponse<String>> answer : answers) {
            assertThat(answer.get().statusCode()).isIn(200, 201);
            created += answer.get().statusCode() == 201 ? 1 : 0;
        }
        assertThat(created).isEqualTo(1);
        assertThat(pay("invoice-2", "{\"amount\":5,\"currency\":\"EUR\"}").statusCode()).isEqualTo(201);
        assertThat(gateway.charges().count()).isEqualTo(2);
        assertThat(get("/admin/charges").body()).contains("\"count\":2");
    }

    @Test
    void failsWithoutChargingWhileTheFailureRateSaysSoAndRecoversWhenItIsReset() throws Exception {
        assertThat(send("PUT", "/admin/faults", "{\"failureRate\":1.0}").statusCode()).isEqualTo(200);

        assertThat(pay("k", "{\"amount\":1,\"currency\":\"EUR\"}").statusCode()).isEqualTo(503);
        assertThat(gateway.charges().count()).isZero();

        send("PUT", "/admin/faults", "{\"failureRate\":0}");
        assertThat(pay("k", "{\"amount\":1,\"currency\":\"EUR\"}").statusCode()).isEqualTo(201);
        assertThat(gateway.charges().count()).isEqualTo(1);
    }

    @Test
    void refusesPaymentsWithoutKeyOrWithABadAmount() throws Exception {
        HttpResponse<String> noKey = http.send(HttpRequest.newBuilder(uri("/payments"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"amount\":1,\"currency\":\"EUR\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(noKey.statusCode()).isEqualTo(400);
        assertThat(pay("k", "{\"amount\":1.234,\"currency\":\"EUR\"}").statusCode()).isEqualTo(400);
        assertThat(pay("k", "{\"amount\":-1,\"currency\":\"EUR\"}").statusCode()).isEqualTo(400);
        assertThat(gateway.charges().count()).isZero();
    }

    private HttpResponse<String> pay(String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri("/payments")).header("Idempotency-Key", key)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(uri(path)).method(method, HttpRequest.BodyPublishers.ofString(body))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + gateway.port() + path);
    }
}
