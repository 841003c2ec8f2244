package com.mobilityhub.hub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.kit.security.ServiceCredentials;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Whose a resource is, asked before a rider may touch it. Bookings and their trips are the hub's
 * own rows; an invoice's owner is in billing-service's answer. Unknown or malformed ids have no owner.
 */
@Component
public class ResourceOwners {

    private final JdbcTemplate jdbc;
    private final HttpClient http;
    private final URI billing;
    private final Duration timeout;
    private final ServiceCredentials credentials;

    public ResourceOwners(JdbcTemplate jdbc, ServiceCredentials credentials,
                          @Value("${mobility.services.billing.url}") String billingUrl,
                          @Value("${mobility.services.response-timeout:3s}") Duration timeout) {
        this.jdbc = jdbc;
        this.credentials = credentials;
        this.billing = URI.create(billingUrl.endsWith("/") ? billingUrl : billingUrl + "/");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    public Optional<UUID> ofBooking(String id) {
        return uuid(id).flatMap(booking -> single(jdbc.queryForList(
                "select user_id from booking where id = ?", UUID.class, booking)));
    }

    public Optional<UUID> ofTrip(String id) {
        return uuid(id).flatMap(trip -> single(jdbc.queryForList(
                "select user_id from booking where trip_id = ?", UUID.class, trip)));
    }

    /** billing-service's {@code GET /billing/invoices/{id}} names the invoice's user; anything else: no owner. */
    public Optional<UUID> ofInvoice(String id) {
        Optional<UUID> invoice = uuid(id);
        if (invoice.isEmpty()) {
            return Optional.empty();
        }
        String path = "billing/invoices/" + invoice.get();
        HttpRequest.Builder request = HttpRequest.newBuilder(billing.resolve(path)).timeout(timeout).GET();
        credentials.sign("GET", billing.resolve(path).getRawPath()).forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Optional.empty();
            }
            JsonNode body = EventJson.mapper().readTree(response.body());
            return uuid(body.path("userId").asText(null));
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static Optional<UUID> single(List<UUID> owners) {
        return owners.size() == 1 ? Optional.ofNullable(owners.getFirst()) : Optional.empty();
    }

    static Optional<UUID> uuid(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        try {
            UUID id = UUID.fromString(raw);
            return id.toString().equalsIgnoreCase(raw) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
