package com.mobilityhub.billing.payments;

import com.mobilityhub.billing.GatewayBeside;
import com.mobilityhub.billing.HttpJson;
import com.mobilityhub.billing.TripCompletions;
import com.mobilityhub.billing.UserServiceBeside;
import com.mobilityhub.billing.WholeBillingService;
import com.mobilityhub.contracts.EventEnvelope;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The payment gateway down or slow, made so through the simulator's real HTTP (stopped: connections
 * refused; latency set through its admin endpoint). Trips have no credit hold here, so the gateway
 * takes every fare.
 */
@WholeBillingService
class PaymentGatewayFaultsIT {

    private static final Duration WAIT = Duration.ofSeconds(90);

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    @Qualifier(PaymentGatewayConfiguration.CIRCUIT_BREAKER)
    CircuitBreaker gatewayBreaker;

    HttpJson http;
    HttpJson gatewayAdmin;

    @BeforeEach
    void healthyGateway() {
        http = new HttpJson(port);
        GatewayBeside.start();
        gatewayAdmin = new HttpJson(GatewayBeside.url());
        gatewayAdmin.put("/admin/faults", "{\"latencyMs\":0,\"failureRate\":0}");
        gatewayBreaker.transitionToClosedState();
    }

    @AfterEach
    void gatewayBack() {
        GatewayBeside.start();
        gatewayAdmin.put("/admin/faults", "{\"latencyMs\":0,\"failureRate\":0}");
    }

    @Test
    void leavesInvoicesPendingWhileTheGatewayIsDownThenSettlesEachExactlyOnceWhenItIsBack() {
        GatewayBeside.stop();
        double rejectedBefore = failures("circuit_open");
        List<UUID> trips = completeTrips(6);

        List<UUID> invoices = awaitInvoices(trips, "PAYMENT_PENDING");
        // The breaker opened on the refused connections and then failed calls at once.
        assertThat(failures("unreachable")).isPositive();
        assertThat(failures("circuit_open")).isGreaterThan(rejectedBefore);
        assertThat(metrics()).contains("resilience4j_circuitbreaker_state{name=\"payment-gateway\",state=\"open\"}");
        assertThat(jdbc.queryForList("select pending_reason from invoice where id = ?", String.class, invoices.getFirst()))
                .singleElement().asString().startsWith("payment gateway: ");

        GatewayBeside.start();

        awaitInvoices(trips, "PAID");
        for (UUID invoice : invoices) {
            assertThat(GatewayBeside.chargesOf("invoice-" + invoice)).as("charges of " + invoice).isEqualTo(1);
            BigDecimal charged = GatewayBeside.charges().stream()
                    .filter(charge -> charge.idempotencyKey().equals("invoice-" + invoice)).findFirst().orElseThrow().amount();
            assertThat(charged).isEqualByComparingTo(
                    jdbc.queryForObject("select amount from invoice where id = ?", BigDecimal.class, invoice));
            assertThat(http.post("/billing/invoices/" + invoice + "/payments", "").status()).isEqualTo(409);
        }
        assertThat(jdbc.queryForObject("select count(*) from payment where method = 'GATEWAY' and invoice_id in ("
                + String.join(",", invoices.stream().map(id -> "'" + id + "'").toList()) + ")", Long.class)).isEqualTo(6);
    }

    @Test
    void timesOutASlowGatewayWithoutStarvingOtherRequestsAndSettlesLater() throws Exception {
        gatewayAdmin.put("/admin/faults", "{\"latencyMs\":4000}");   // the test timeout is 1 s
        List<UUID> trips = completeTrips(2);
        List<UUID> invoices = awaitInvoices(trips, "PAYMENT_PENDING");

        // Riders pay their invoices against the slow gateway while others read theirs.
        List<Future<HttpJson.Response>> payments = new ArrayList<>();
        List<Future<HttpJson.Response>> reads = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < 8; i++) {
                payments.add(clients.submit(() -> http.post("/billing/invoices/" + invoices.get(0) + "/payments", "")));
            }
            for (int i = 0; i < 20; i++) {
                reads.add(clients.submit(() -> http.get("/billing/invoices/" + invoices.get(1))));
                reads.add(clients.submit(() -> http.get("/actuator/health/readiness")));
            }
        }
        for (Future<HttpJson.Response> read : reads) {
            assertThat(read.get().status()).isEqualTo(200);
        }
        for (Future<HttpJson.Response> payment : payments) {
            assertThat(payment.get().status()).isEqualTo(200);
            assertThat(payment.get().json().get("status").asText()).isIn("PAYMENT_PENDING", "PAID");
        }
        assertThat(failures("timeout")).isPositive();

        gatewayAdmin.put("/admin/faults", "{\"latencyMs\":0}");
        awaitInvoices(trips, "PAID");
        for (UUID invoice : invoices) {
            // Timed-out calls may have been charged late: the retries with the same key found that charge.
            assertThat(GatewayBeside.chargesOf("invoice-" + invoice)).isEqualTo(1);
        }
        assertThat(metrics()).contains("payment_processing_duration_seconds_count{outcome=\"success\",payment_method=\"gateway\"}")
                .contains("payment_attempts_total{amount_range=");
    }

    private List<UUID> completeTrips(int count) {
        UUID rider = UserServiceBeside.get().rider("0.00");
        List<UUID> trips = new ArrayList<>();
        try (TripCompletions completions = new TripCompletions()) {
            for (int i = 0; i < count; i++) {
                // No hold for the booking: nothing to capture, the gateway takes the whole fare.
                EventEnvelope completed = TripCompletions.tripCompleted(rider, UUID.randomUUID().toString(), "3." + i, "12");
                completions.publish(completed);
                trips.add(UUID.fromString(completed.aggregateId()));
            }
        }
        return trips;
    }

    private List<UUID> awaitInvoices(List<UUID> trips, String status) {
        String ids = String.join(",", trips.stream().map(id -> "'" + id + "'").toList());
        await().atMost(WAIT).until(() -> jdbc.queryForObject(
                "select count(*) from invoice where status = ? and trip_id in (" + ids + ")", Long.class, status) == trips.size());
        return jdbc.queryForList("select id from invoice where trip_id in (" + ids + ") order by issued_at", UUID.class);
    }

    private double failures(String errorType) {
        Matcher found = Pattern.compile("payment_failure_total\\{error_type=\"" + errorType
                + "\",payment_method=\"gateway\"} ([0-9.E]+)").matcher(metrics());
        return found.find() ? Double.parseDouble(found.group(1)) : 0;
    }

    private String metrics() {
        return http.get("/actuator/prometheus").raw();
    }
}
