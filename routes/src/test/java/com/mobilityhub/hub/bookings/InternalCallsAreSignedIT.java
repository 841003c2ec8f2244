package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.HubTestProperties;
import com.mobilityhub.hub.ThroughTheHub;
import com.mobilityhub.kit.security.SagaCallbackToken;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hub and every service run with a service secret (HubTestProperties): the hub's own calls to the services
 * pass, an outsider's unsigned call to a service's API is refused, a forged LRA callback to the hub or to a
 * participant changes nothing, and the secret is never shown by the operations endpoints.
 */
class InternalCallsAreSignedIT extends ThroughTheHub {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private BookingFixtures fixtures;

    @BeforeEach
    void fixtures() {
        fixtures = new BookingFixtures(hub);
    }

    @Test
    void forgedCallbacksForAConfirmedBookingAreRefusedAndChangeNothing() {
        String user = fixtures.registerUser("100.00");
        HubClient.Response confirmed = fixtures.bookAndWait(user, fixtures.registerVehicle(), 30);
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        String bookingId = confirmed.json().path("bookingId").asText();
        String lra = confirmed.json().path("lraId").asText();
        BigDecimal held = fixtures.creditAccount(user).path("held").decimalValue();
        String anotherBookingsToken = new SagaCallbackToken(HubTestProperties.SERVICE_SECRET)
                .of(lra + "-other", UUID.randomUUID().toString());

        String hubCallback = hub.baseUrl() + "/api/v1/lra-participant/compensate?bookingId=" + bookingId
                + "&Camel-Saga-Compensate=direct://reject-booking&Camel-Saga-Complete=direct://confirm-booking";
        assertThat(put(hubCallback, lra)).isEqualTo(403);
        assertThat(put(hubCallback + "&" + SagaCallbackToken.OPTION + "=" + anotherBookingsToken, lra)).isEqualTo(403);
        String userServiceCallback = services().users().url() + "/lra-participant/compensate?bookingId=" + bookingId
                + "&Camel-Saga-Compensate=direct://release-credits&Camel-Saga-Complete=direct://confirm-credit-hold";
        assertThat(put(userServiceCallback, lra)).isEqualTo(403);
        assertThat(put(userServiceCallback + "&" + SagaCallbackToken.OPTION + "=" + anotherBookingsToken, lra)).isEqualTo(403);

        JsonNode booking = fixtures.booking(bookingId);
        assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
        assertThat(booking.path("timeline").findValuesAsText("outcome")).doesNotContain("REJECTED");
        assertThat(fixtures.creditAccount(user).path("held").decimalValue()).isEqualByComparingTo(held);
    }

    @Test
    void servicesRefuseUnsignedCallsWhileTheHubsOwnCallsPass() {
        String user = fixtures.registerUser("10.00");

        HttpResponse<String> unsigned = send(HttpRequest.newBuilder(URI.create(services().users().url() + "/users/" + user)));
        assertThat(unsigned.statusCode()).isEqualTo(401);
        assertThat(unsigned.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        assertThat(send(HttpRequest.newBuilder(URI.create(services().users().url() + "/users/" + user))
                .headers(HubTestProperties.serviceCredentialHeaders("GET", "/users/" + user))).statusCode()).isEqualTo(200);

        assertThat(hub.get("/api/v1/users/" + user).status()).isEqualTo(200);
        // The consistency check asks every participant (saga participations) and user-service (credit accounts).
        HubClient.Response consistency = hub.get("/api/v1/admin/consistency");
        assertThat(consistency.status()).as(consistency.toString()).isEqualTo(200);
        assertThat(consistency.json().path("violations").findValuesAsText("kind")).doesNotContain("check-incomplete");
    }

    @Test
    void theServiceSecretIsNeverShownByActuatorOrJolokia() {
        for (String path : new String[]{"/actuator/env", "/actuator/env/mobility.service-auth.secret",
                "/actuator/jolokia/read/java.lang:type=Runtime/SystemProperties",
                "/actuator/jolokia/search/org.springframework.boot:*"}) {
            HubClient.Response response = hub.get(path);
            assertThat(response.body()).as(path).doesNotContain(HubTestProperties.SERVICE_SECRET);
            if (path.startsWith("/actuator/env")) {
                assertThat(response.status()).as(path + " is not exposed").isEqualTo(404);
            }
        }
        HttpResponse<String> serviceEnv = send(HttpRequest.newBuilder(URI.create(services().users().url() + "/actuator/env"))
                .headers(HubTestProperties.serviceCredentialHeaders("GET", "/actuator/env")));
        assertThat(serviceEnv.statusCode()).isEqualTo(404);
        assertThat(serviceEnv.body()).doesNotContain(HubTestProperties.SERVICE_SECRET);
    }

    private static int put(String url, String lra) {
        return send(HttpRequest.newBuilder(URI.create(url)).header("Long-Running-Action", lra)
                .header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.noBody())).statusCode();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
