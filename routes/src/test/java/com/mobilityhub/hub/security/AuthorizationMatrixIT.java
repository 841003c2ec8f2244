package com.mobilityhub.hub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Walks every operation of the served OpenAPI document with no token, the resource's own rider,
 * another rider, an operator and an admin, and checks each answer against the access the
 * platform promises (restated here independently of hub/security's AccessTable). An operation
 * this matrix does not know fails the test: say who may call it before it ships.
 */
class AuthorizationMatrixIT extends ThroughTheHub {

    /** Who may call an operation. "Own" means a rider for their own resources (others get 404). */
    enum Access { OPEN, ADMIN, OPERATOR, OWN, OWN_OR_OPERATOR, ANY_ROLE, RIDER_BOOKS }

    private record Expectation(Pattern method, Pattern path, Access access) {
    }

    /** Path templates relative to /api/v1, as the OpenAPI document names them ({id}, {userId}). */
    private static final List<Expectation> PROMISES = List.of(
            promise("GET", "/openapi\\.json", Access.OPEN),
            promise(".*", "/lra-participant/.*", Access.OPEN),
            promise("POST", "/users", Access.ADMIN),
            promise(".*", "/users/\\{[a-zA-Z]+}(/.*)?", Access.OWN),
            promise("GET", "/vehicles|/vehicles/\\{id}|/vehicles/\\{id}/location", Access.ANY_ROLE),
            promise(".*", "/vehicles.*|/fleet/.*", Access.OPERATOR),
            promise("POST", "/bookings", Access.RIDER_BOOKS),
            promise("GET", "/bookings", Access.OWN_OR_OPERATOR),
            promise("POST", "/bookings/\\{id}/cancel", Access.OWN),
            promise(".*", "/bookings/\\{id}(/.*)?", Access.OWN_OR_OPERATOR),
            promise("GET", "/trips", Access.OWN_OR_OPERATOR),
            promise("GET", "/trips/\\{id}(/.*)?", Access.OWN_OR_OPERATOR),
            promise("POST", "/trips/\\{id}/start", Access.OWN_OR_OPERATOR),
            promise(".*", "/trips(/.*)?", Access.OPERATOR),
            promise(".*", "/analytics(/.*)?", Access.OPERATOR),
            promise("GET", "/billing/accounts/\\{[a-zA-Z]+}", Access.OWN),
            promise("GET", "/billing/invoices", Access.OWN),
            promise(".*", "/billing/invoices/\\{id}(/.*)?", Access.OWN),
            promise(".*", "/billing/.*", Access.ADMIN),
            promise(".*", "/admin/.*", Access.ADMIN));

    private static final Set<Integer> REFUSALS = Set.of(401, 403);

    @Test
    void everyOperationAnswersEachCallerAsPromised() {
        // Rider A owns a booking (and, once the saga confirmed it, its trip); rider B owns nothing of A's.
        String riderA = register();
        String riderB = register();
        String vehicle = hub.post("/api/v1/vehicles", "{\"vin\":\"" + newVin()
                + "\",\"model\":\"Matrix Shuttle\",\"location\":{\"lat\":52.52,\"lng\":13.40}}").json().path("id").asText();
        HubClient.Response booked = hub.send("/api/v1/bookings", Map.of("Content-Type", "application/json",
                "Prefer", "wait=20"), "POST", "{\"userId\":\"" + riderA + "\",\"vehicleId\":\"" + vehicle
                + "\",\"pickup\":{\"lat\":52.52,\"lng\":13.40},\"dropoff\":{\"lat\":52.50,\"lng\":13.35}}");
        assertThat(booked.status()).as(booked.toString()).isEqualTo(201);
        String booking = booked.json().path("bookingId").asText();
        String trip = booked.json().path("tripId").asText();
        Ids ids = new Ids(riderA, vehicle, booking, trip);

        List<String> unknown = new ArrayList<>();
        List<String> checked = new ArrayList<>();
        JsonNode paths = hub.anonymous().get("/api/v1/openapi.json").json().path("paths");
        for (Iterator<Map.Entry<String, JsonNode>> it = paths.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<String> methods = path.getValue().fieldNames(); methods.hasNext(); ) {
                String method = methods.next().toUpperCase();
                if (!Set.of("GET", "POST", "PUT", "PATCH", "DELETE").contains(method)) {
                    continue;
                }
                Access access = accessOf(method, path.getKey());
                if (access == null) {
                    unknown.add(method + " " + path.getKey());
                    continue;
                }
                checkOperation(method, path.getKey(), access, ids, riderA, riderB);
                checked.add(method + " " + path.getKey());
            }
        }
        assertThat(unknown).as("operations with no promised access: add them to this matrix and to AccessTable").isEmpty();
        assertThat(checked).as("the document lists the API").contains("GET /users/{id}", "POST /bookings",
                "GET /admin/consistency", "GET /vehicles");
    }

    private void checkOperation(String method, String template, Access access, Ids ids, String riderA, String riderB) {
        String operation = method + " " + template;
        String url = "/api/v1" + ids.fill(template) + (template.endsWith("s") && needsUserQuery(template) ? "?userId=" + riderA : "");
        String body = method.equals("GET") ? null : access == Access.RIDER_BOOKS
                ? "{\"userId\":\"" + riderA + "\",\"vehicleId\":\"" + UUID.randomUUID()
                    + "\",\"pickup\":{\"lat\":1,\"lng\":1},\"dropoff\":{\"lat\":2,\"lng\":2}}"
                : "{}";
        if (access == Access.OPEN) {
            if (!template.startsWith("/lra-participant")) {
                assertThat(call(hub.anonymous(), method, url, body).status()).as(operation).isNotIn(401, 403);
            }
            return;
        }
        HubClient.Response anonymous = call(hub.anonymous(), method, url, body);
        assertThat(anonymous.status()).as(operation + " without a token: " + anonymous).isEqualTo(401);
        assertThat(anonymous.header("WWW-Authenticate")).as(operation).startsWith("Bearer");
        assertThat(anonymous.header("Content-Type")).as(operation).startsWith("application/problem+json");

        // Rider B on rider A's resources.
        HubClient.Response other = call(hub.asRider(riderB), method, url, body);
        switch (access) {
            case ADMIN, OPERATOR -> assertForbidden(operation + " as another rider", other);
            case ANY_ROLE -> assertThat(other.status()).as(operation + " as another rider: " + other).isNotIn(REFUSALS);
            case RIDER_BOOKS -> assertForbidden(operation + " as another rider booking for A", other);
            default -> assertNotFound(operation + " as another rider", other);
        }

        HubClient.Response operator = call(hub.asOperator(), method, url, body);
        switch (access) {
            case OPERATOR, OWN_OR_OPERATOR, ANY_ROLE ->
                    assertThat(operator.status()).as(operation + " as operator: " + operator).isNotIn(REFUSALS);
            default -> assertForbidden(operation + " as operator", operator);
        }

        HubClient.Response own = call(hub.asRider(riderA), method, url, body);
        switch (access) {
            case ADMIN, OPERATOR -> assertForbidden(operation + " as the rider", own);
            case ANY_ROLE, RIDER_BOOKS -> assertThat(own.status()).as(operation + " as the rider: " + own).isNotIn(REFUSALS);
            default -> {
                assertThat(own.status()).as(operation + " as the owning rider: " + own).isNotIn(REFUSALS);
                if (ids.hasOwn(template) && own.status() == 404) {
                    // The owner is never told "not yours": a 404 may only be the resource's own answer.
                    assertThat(own.json().path("detail").asText()).as(operation + " as the owning rider: " + own)
                            .isNotEqualTo(SecurityProblems.NOT_YOURS_DETAIL);
                }
            }
        }

        HubClient.Response admin = call(hub.asAdmin(), method, url, body);
        assertThat(admin.status()).as(operation + " as admin: " + admin).isNotIn(REFUSALS);
    }

    private static boolean needsUserQuery(String template) {
        return template.equals("/bookings") || template.equals("/trips") || template.equals("/billing/invoices");
    }

    private static HubClient.Response call(HubClient client, String method, String url, String body) {
        return client.send(url, body == null ? Map.of() : Map.of("Content-Type", "application/json"), method, body);
    }

    private static void assertForbidden(String what, HubClient.Response response) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(403);
        assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
    }

    private static void assertNotFound(String what, HubClient.Response response) {
        assertThat(response.status()).as(what + ": " + response).isEqualTo(404);
        assertThat(response.header("Content-Type")).as(what).startsWith("application/problem+json");
    }

    private static Access accessOf(String method, String template) {
        for (Expectation promise : PROMISES) {
            if (promise.method().matcher(method).matches() && promise.path().matcher(template).matches()) {
                return promise.access();
            }
        }
        return null;
    }

    private static Expectation promise(String method, String path, Access access) {
        return new Expectation(Pattern.compile(method), Pattern.compile(path), access);
    }

    private String register() {
        HubClient.Response created = hub.post("/api/v1/users", "{\"name\":\"Matrix Rider\",\"email\":\"" + newEmail()
                + "\",\"initialCredits\":\"100.00\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    /** Real ids of rider A's world, put into each path template by its resource. */
    private record Ids(String user, String vehicle, String booking, String trip) {

        String fill(String template) {
            String id = template.startsWith("/users") || template.startsWith("/billing/accounts") ? user
                    : template.startsWith("/vehicles") ? vehicle
                    : template.startsWith("/bookings") ? booking
                    : template.startsWith("/trips") && !trip.isEmpty() ? trip
                    : UUID.randomUUID().toString();
            return template.replaceAll("\\{[a-zA-Z]+}", id);
        }

        /** Whether rider A really owns what the template names (an invoice: not in this test). */
        boolean hasOwn(String template) {
            return !template.startsWith("/billing/invoices/") && !(template.startsWith("/trips/") && trip.isEmpty());
        }
    }
}
