package com.mobilityhub.hub.security;

import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.Test;

import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Tokens the hub must not accept, the operations endpoints, and what a rider's identity decides. */
class BearerTokensIT extends ThroughTheHub {

    @Test
    void refusesMissingMalformedExpiredAndForeignTokensWith401() {
        for (HubClient client : List.of(hub.anonymous(), hub.withToken("not-a-jwt"), hub.withToken(TestTokens.expiredAdmin()),
                hub.withToken(TestTokens.forgedAdmin()), hub.withToken(unsigned()))) {
            HubClient.Response answer = client.get("/api/v1/admin/consistency");
            assertThat(answer.status()).as(answer.toString()).isEqualTo(401);
            assertThat(answer.header("WWW-Authenticate")).startsWith("Bearer");
            assertProblem(answer, 401);
            assertThat(answer.body()).doesNotContain("Exception").doesNotContain("org.");
        }
    }

    @Test
    void aTokenWithoutAnyHubRoleMayCallNothing() {
        String token = TestTokens.mint("someone", List.of("guest"), Duration.ofMinutes(5), keysOfTheTests());
        HubClient.Response answer = hub.withToken(token).get("/api/v1/vehicles");
        assertProblem(answer, 403);
    }

    @Test
    void operationsEndpointsNeedAnAdminExceptTheProbes() {
        assertThat(hub.anonymous().get("/actuator/health/liveness").status()).isEqualTo(200);
        assertThat(hub.anonymous().get("/actuator/health/readiness").status()).isEqualTo(200);
        assertThat(hub.anonymous().get("/actuator/prometheus").status()).isEqualTo(401);
        assertThat(hub.asOperator().get("/actuator/prometheus").status()).isEqualTo(403);
        assertThat(hub.asRider(UUID.randomUUID()).get("/actuator/info").status()).isEqualTo(403);
        assertThat(hub.get("/actuator/prometheus").status()).isEqualTo(200);
        assertThat(hub.anonymous().get("/actuator/jolokia/read/java.lang:type=Runtime").status()).isEqualTo(401);
        // Not exposed at all: no environment (and so no secret) is served, even to an admin.
        assertThat(hub.get("/actuator/env").status()).isEqualTo(404);
    }

    @Test
    void aRidersBookingIsForThemselfWhateverTheBodySays() {
        String rider = hub.post("/api/v1/users", "{\"name\":\"Self\",\"email\":\"" + newEmail()
                + "\",\"initialCredits\":\"50.00\"}").json().path("id").asText();
        String someoneElse = hub.post("/api/v1/users", "{\"name\":\"Else\",\"email\":\"" + newEmail()
                + "\",\"initialCredits\":\"50.00\"}").json().path("id").asText();
        String vehicle = hub.post("/api/v1/vehicles", "{\"vin\":\"" + newVin()
                + "\",\"model\":\"Self Shuttle\",\"location\":{\"lat\":52.52,\"lng\":13.40}}").json().path("id").asText();
        String trip = "\"vehicleId\":\"" + vehicle + "\",\"pickup\":{\"lat\":52.52,\"lng\":13.40},\"dropoff\":{\"lat\":52.50,\"lng\":13.35}}";

        HubClient.Response forSomeoneElse = hub.asRider(rider).post("/api/v1/bookings", "{\"userId\":\"" + someoneElse + "\"," + trip);
        assertNamesField(assertProblem(forSomeoneElse, 403), "userId");

        HubClient.Response booked = hub.asRider(rider).post("/api/v1/bookings", "{" + trip);
        assertThat(booked.status()).as(booked.toString()).isEqualTo(202);
        String booking = booked.json().path("bookingId").asText();
        assertThat(hub.get("/api/v1/bookings/" + booking).json().path("userId").asText()).isEqualTo(rider);

        // Their list holds only their bookings; asking for someone else's list is as if it did not exist.
        HubClient.Response own = hub.asRider(rider).get("/api/v1/bookings");
        assertThat(own.status()).isEqualTo(200);
        own.json().path("items").forEach(item -> assertThat(item.path("userId").asText()).isEqualTo(rider));
        assertThat(own.json().path("items").findValuesAsText("bookingId")).contains(booking);
        assertProblem(hub.asRider(rider).get("/api/v1/bookings?userId=" + someoneElse), 404);
        assertProblem(hub.asRider(someoneElse).get("/api/v1/bookings/" + booking), 404);
        assertProblem(hub.asRider(someoneElse).get("/api/v1/bookings/" + UUID.randomUUID()), 404);
    }

    private static KeyPair keysOfTheTests() {
        return TestTokens.trustedKeys();
    }

    /** A token claiming {@code alg: none}. */
    private static String unsigned() {
        java.util.Base64.Encoder url = java.util.Base64.getUrlEncoder().withoutPadding();
        return url.encodeToString("{\"alg\":\"none\"}".getBytes()) + "."
                + url.encodeToString("{\"sub\":\"x\",\"roles\":[\"admin\"]}".getBytes()) + ".";
    }
}
