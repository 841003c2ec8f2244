package com.mobilityhub.billing;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@WholeBillingService
class BillingServiceIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void startsAgainstRealInfrastructureMigratesAndListsAUsersInvoices() {
        HttpJson http = new HttpJson(port);
        assertThat(jdbc.queryForList("select version from flyway_schema_history where success", String.class))
                .contains("0.1", "1");
        var readiness = http.get("/actuator/health/readiness");
        assertThat(readiness.status()).as(readiness.raw()).isEqualTo(200);

        UUID userId = UUID.randomUUID();
        UUID older = invoice(userId, "12.50", "ISSUED", "2026-01-01T10:00:00Z");
        UUID newer = invoice(userId, "7.05", "PAID", "2026-01-02T10:00:00Z");
        invoice(UUID.randomUUID(), "99.99", "ISSUED", "2026-01-03T10:00:00Z"); // someone else's

        var listing = http.get("/billing/invoices?userId=" + userId);

        assertThat(listing.status()).isEqualTo(200);
        assertThat(listing.json().get("items")).hasSize(2);
        assertThat(listing.json().at("/items/0/id").asText()).isEqualTo(newer.toString());
        assertThat(listing.json().at("/items/0/amount").decimalValue()).isEqualByComparingTo("7.05");
        assertThat(listing.json().at("/items/0/status").asText()).isEqualTo("PAID");
        assertThat(listing.json().at("/items/1/id").asText()).isEqualTo(older.toString());
        assertThat(listing.json().at("/items/1/currency").asText()).isEqualTo("EUR");
        assertThat(listing.json().at("/page/totalItems").asLong()).isEqualTo(2);

        var one = http.get("/billing/invoices/" + older);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("userId").asText()).isEqualTo(userId.toString());
        assertThat(one.json().get("amount").decimalValue()).isEqualByComparingTo("12.50");

        for (String unknown : new String[] {UUID.randomUUID().toString(), "not-an-id"}) {
            var missing = http.get("/billing/invoices/" + unknown);
            assertThat(missing.status()).isEqualTo(404);
            assertThat(missing.contentType()).hasValue("application/problem+json");
        }
        assertThat(http.get("/billing/invoices?userId=nope").status()).isEqualTo(400);

        var metrics = http.get("/actuator/prometheus");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.raw()).contains("routeId=\"list-invoices\"");
    }

    private UUID invoice(UUID userId, String amount, String status, String issuedAt) {
        UUID id = UUID.randomUUID();
        jdbc.update("insert into invoice (id, trip_id, user_id, amount, currency, status, issued_at, paid_at) "
                        + "values (?, ?, ?, ?::numeric, 'EUR', ?, ?::timestamptz, case when ? = 'PAID' then now() end)",
                id, UUID.randomUUID(), userId, amount, status, issuedAt, status);
        return id;
    }
}
