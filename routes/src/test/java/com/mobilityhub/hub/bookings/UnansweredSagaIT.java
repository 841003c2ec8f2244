package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.DomainServices;
import com.mobilityhub.hub.HubApplication;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.HubTestProperties;
import com.mobilityhub.hub.TestCoordinator;
import com.mobilityhub.infra.WithSharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hub whose BookingRequested events never leave its outbox (relay off): no participant ever
 * hears of its bookings, so only the coordinator's time limit can end them. Its own database,
 * consumer group and Camel name; the main test hub may run beside it.
 */
@WithSharedInfrastructure
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
                "spring.config.name=" + HubApplication.CONFIG_NAME,
                "camel.main.name=hub-unanswered",
                "camel.main.jmx-enabled=false",
                "hawtio.enabled=false",
                "management.endpoints.web.exposure.include=health,prometheus",
                "mobility.outbox.relay-enabled=false",
                "mobility.booking.saga-timeout=" + UnansweredSagaIT.TIME_LIMIT_SECONDS + "s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnansweredSagaIT {

    static final int TIME_LIMIT_SECONDS = 3;
    private static final int PORT = HubTestProperties.freePort();

    private HubClient hub;
    private BookingFixtures fixtures;

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        HubTestProperties.register(registry, PORT, "hub_unanswered", "hub-unanswered");
        registry.add("mobility.services.users.url", () -> DomainServices.get().users().url());
        registry.add("mobility.services.vehicles.url", () -> DomainServices.get().vehicles().url());
    }

    @BeforeEach
    void client() {
        hub = new HubClient(PORT);
        fixtures = new BookingFixtures(hub);
    }

    @Test
    void rejectsWithTimeoutWhenNobodyAnswersWithinTheTimeLimit() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();

        HubClient.Response rejected = fixtures.bookAndWait(user, vehicle, TIME_LIMIT_SECONDS + 20);

        assertThat(rejected.status()).as(rejected.toString()).isEqualTo(409);
        assertThat(rejected.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = rejected.json();
        assertThat(problem.path("status").asInt()).isEqualTo(409);
        assertThat(problem.path("bookingStatus").asText()).isEqualTo("REJECTED");
        assertThat(problem.path("reason").asText()).isEqualTo("TIMEOUT");
        String bookingId = problem.path("bookingId").asText();
        assertThat(rejected.header("Location")).isEqualTo("/api/v1/bookings/" + bookingId);

        JsonNode booking = fixtures.booking(bookingId);
        assertThat(booking.path("status").asText()).isEqualTo("REJECTED");
        assertThat(booking.path("reason").asText()).isEqualTo("TIMEOUT");
        assertThat(booking.path("timeline").findValuesAsText("step")).containsExactly("start-booking", "reject-booking");
        String lraId = booking.path("lraId").asText();
        await().atMost(Duration.ofSeconds(30)).until(() -> !TestCoordinator.lraIds().contains(lraId));

        java.util.List<String> metrics = hub.get("/actuator/prometheus").body().lines().toList();
        assertThat(metrics).anyMatch(line -> line.startsWith("bookings_rejected_total{") && line.contains("reason=\"TIMEOUT\""))
                .anyMatch(line -> line.startsWith("saga_compensations_total{") && line.contains("trigger=\"timeout\""))
                .anyMatch(line -> line.startsWith("bookings_started_total"))
                .anyMatch(line -> line.startsWith("booking_saga_duration_seconds_bucket"));
    }

    @Test
    void answersAcceptedWhenTheBookingIsStillPendingAfterTheWait() {
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();

        HubClient.Response pending = fixtures.book(BookingFixtures.body(user, vehicle), Map.of("Prefer", "wait=1"));

        assertThat(pending.status()).as(pending.toString()).isEqualTo(202);
        assertThat(pending.json().path("status").asText()).isEqualTo("PENDING");
        fixtures.awaitTerminal(pending.json().path("bookingId").asText(), Duration.ofSeconds(40));
    }
}
