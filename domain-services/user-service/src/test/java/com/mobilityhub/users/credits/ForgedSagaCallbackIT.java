package com.mobilityhub.users.credits;

import com.mobilityhub.infra.SagaEventPublisher;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingSagaEvents.BookingRequested;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.infra.TopicRecords;
import com.mobilityhub.kit.security.SagaCallbackToken;
import com.mobilityhub.users.HttpJson;
import com.mobilityhub.users.Lras;
import com.mobilityhub.users.SagaCoordinator;
import com.mobilityhub.users.ServiceSecret;
import com.mobilityhub.users.WholeUserService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With a service secret set (as {@link WholeUserService} runs it), nobody but the coordinator of a real join can
 * release a rider's credits: a compensation callback needs the saga callback token the reserve step joined with,
 * and the internal REST API needs a service credential. Real coordinator, Kafka and PostgreSQL.
 */
@WholeUserService
@ExtendWith(OutputCaptureExtension.class)
class ForgedSagaCallbackIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final BigDecimal FARE = new BigDecimal("12.50");

    @Autowired
    JdbcTemplate jdbc;

    HttpJson http;
    SagaEventPublisher publisher;
    TopicRecords userEvents;

    @BeforeEach
    void connect() {
        http = new HttpJson(SagaCoordinator.appPort());
        publisher = new SagaEventPublisher(Topics.BOOKINGS);
        userEvents = TopicRecords.fromNow(Topics.USERS);
    }

    @AfterEach
    void disconnect() {
        publisher.close();
        userEvents.close();
    }

    @Test
    void forgedCompensationCallbacksReleaseNothingWhileTheCoordinatorsCancellationStillDoes(CapturedOutput output) {
        UUID user = registerUser();
        String lra = Lras.start();
        EventEnvelope requested = bookingRequested(user);
        String booking = requested.aggregateId();
        publisher.publish(Topics.BOOKINGS, requested, lra);
        awaitEvent(booking, EventTypes.CREDITS_RESERVED);
        // The step joined with its token in the participant URL: that is what the coordinator calls back.
        assertThat(Lras.hasParticipant(lra, SagaCallbackToken.OPTION + "=" + ServiceSecret.CALLBACK_TOKENS.of(lra, booking)))
                .isTrue();

        String otherLra = Lras.start();
        String otherBooking = UUID.randomUUID().toString();
        String validForAnotherBooking = ServiceSecret.CALLBACK_TOKENS.of(otherLra, otherBooking);
        assertThat(forged(compensateUrl(booking), lra).statusCode()).as("no token").isEqualTo(403);
        assertThat(forged(compensateUrl(booking) + "&" + SagaCallbackToken.OPTION + "=" + "ab".repeat(32), lra).statusCode())
                .as("a wrong token").isEqualTo(403);
        assertThat(forged(compensateUrl(booking) + "&" + SagaCallbackToken.OPTION + "=" + validForAnotherBooking, lra)
                .statusCode()).as("another booking's valid token").isEqualTo(403);
        assertThat(forged(compensateUrl(booking) + "&" + SagaCallbackToken.OPTION + "=" + validForAnotherBooking, otherLra)
                .statusCode()).as("another booking's valid token and LRA").isEqualTo(403);
        HttpResponse<String> refused = forged(completeUrl(booking), lra);
        assertThat(refused.statusCode()).as("completion without a token").isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));

        assertThat(holdStatus(booking)).isEqualTo("HELD");
        assertAccount(user, "87.50", "12.50");

        assertThat(Lras.cancel(lra)).isEqualTo(200);

        awaitEvent(booking, EventTypes.CREDITS_RELEASED);
        assertThat(holdStatus(booking)).isEqualTo("RELEASED");
        assertAccount(user, "100.00", "0.00");
        assertThat(Lras.cancel(otherLra)).isEqualTo(200);
        assertThat(output.getAll()).contains("Refused LRA callback").doesNotContain(ServiceSecret.VALUE)
                .doesNotContain(validForAnotherBooking);
    }

    @Test
    void theInternalApiRefusesCallsWithoutAServiceCredential(CapturedOutput output) {
        UUID user = registerUser();
        HttpJson outsider = HttpJson.unsigned(SagaCoordinator.appPort());

        HttpJson.Response refused = outsider.get("/users/" + user + "/credit-account");
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.contentType()).hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(outsider.post("/users", "{\"name\":\"Mallory\",\"email\":\"m." + UUID.randomUUID()
                + "@example.com\",\"initialCredits\":1000}").status()).isEqualTo(401);
        assertThat(http.get("/users/" + user + "/credit-account").status()).isEqualTo(200);
        // Probes and metrics stay open; the environment is never exposed, signed or not.
        assertThat(outsider.get("/actuator/health/readiness").status()).isEqualTo(200);
        HttpJson.Response env = http.get("/actuator/env");
        assertThat(env.status()).isEqualTo(404);
        assertThat(env.raw()).doesNotContain(ServiceSecret.VALUE);
        assertThat(http.get("/actuator/env/mobility.service-auth.secret").raw()).doesNotContain(ServiceSecret.VALUE);
        assertThat(output.getAll()).contains("missing service credential").doesNotContain(ServiceSecret.VALUE);
    }

    // --- helpers ---

    private static HttpResponse<String> forged(String url, String lra) {
        return Lras.callParticipantForged(url, lra);
    }

    private static String compensateUrl(String booking) {
        return "http://127.0.0.1:" + SagaCoordinator.appPort() + "/lra-participant/compensate?bookingId=" + booking
                + "&Camel-Saga-Compensate=direct://release-credits&Camel-Saga-Complete=direct://confirm-credit-hold";
    }

    private static String completeUrl(String booking) {
        return compensateUrl(booking).replace("/lra-participant/compensate", "/lra-participant/complete");
    }

    private UUID registerUser() {
        var registered = http.post("/users", "{\"name\":\"Rider\",\"email\":\"rider." + UUID.randomUUID()
                + "@example.com\",\"initialCredits\":100.00}");
        assertThat(registered.status()).as(registered.raw()).isEqualTo(201);
        return UUID.fromString(registered.json().get("id").asText());
    }

    private static EventEnvelope bookingRequested(UUID user) {
        UUID booking = UUID.randomUUID();
        BookingSnapshot snapshot = new BookingSnapshot(booking, user, UUID.randomUUID(), new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.45), FARE);
        return EventEnvelope.of(EventTypes.BOOKING_REQUESTED, booking.toString(), 1,
                EventJson.mapper().valueToTree(new BookingRequested(snapshot, Instant.now())));
    }

    private void awaitEvent(String booking, String type) {
        Predicate<ConsumerRecord<String, String>> wanted = r -> booking.equals(r.key()) && type.equals(eventType(r));
        userEvents.awaitUntil(records -> records.stream().anyMatch(wanted), WAIT);
    }

    private static String eventType(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value()).path("eventType").asText();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String holdStatus(String booking) {
        return jdbc.queryForObject("select status from credit_hold where booking_id = ?", String.class, booking);
    }

    private void assertAccount(UUID user, String balance, String held) {
        var account = http.get("/users/" + user + "/credit-account").json();
        assertThat(account.get("balance").decimalValue()).as("balance").isEqualByComparingTo(balance);
        assertThat(account.get("held").decimalValue()).as("held").isEqualByComparingTo(held);
    }
}
