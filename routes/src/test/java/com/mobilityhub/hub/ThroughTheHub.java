package com.mobilityhub.hub;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.infra.WithSharedInfrastructure;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Integration tests through the hub: the real hub on a fixed free port in front of the real
 * services ({@link DomainServices}) and the real LRA coordinator ({@link TestCoordinator}). Every subclass shares one hub context.
 */
@WithSharedInfrastructure(database = "hub")
// Tests switch metrics export off by default; the hub's Prometheus endpoint is under test.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"spring.config.name=" + HubApplication.CONFIG_NAME,
                // Short enough that a saga nobody answers ends within a test, long enough for 50 at once.
                "mobility.booking.saga-timeout=" + ThroughTheHub.SAGA_TIMEOUT_SECONDS + "s",
                "mobility.booking.close-timeout=10s",
                "mobility.consistency.grace=2s"})
public abstract class ThroughTheHub {

    /** Response headers a client may see from the hub; anything else is a service's header leaking. */
    private static final Set<String> PUBLIC_RESPONSE_HEADERS =
            Set.of("content-type", "location", "date", "transfer-encoding", "content-length", "connection", "keep-alive",
                    // Spring Security's response headers (hub/security): no caching, no sniffing, no framing.
                    "cache-control", "pragma", "expires", "x-content-type-options", "x-frame-options", "x-xss-protection",
                    // 401/403 problems and 429 rate-limit answers.
                    "www-authenticate", "retry-after");

    private static final String VIN_CHARACTERS = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";

    public static final int SAGA_TIMEOUT_SECONDS = 20;

    /** Fixed before the context starts: the coordinator calls the hub back on this port. */
    private static final int PORT = HubTestProperties.freePort();

    @LocalServerPort
    private int port;

    protected HubClient hub;

    @DynamicPropertySource
    static void domainServices(DynamicPropertyRegistry registry) {
        HubTestProperties.register(registry, PORT, "hub", "hub");
        registry.add("mobility.services.users.url", () -> DomainServices.get().users().url());
        registry.add("mobility.services.vehicles.url", () -> DomainServices.get().vehicles().url());
        registry.add("mobility.services.trips.url", () -> DomainServices.get().trips().url());
        registry.add("mobility.services.notifications.url", () -> DomainServices.get().notifications().url());
        registry.add("mobility.services.billing.url", () -> DomainServices.get().billing().url());
    }

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    protected static DomainServices services() {
        return DomainServices.get();
    }

    /** A problem+json answer with this status, and the fields it names. */
    protected static JsonNode assertProblem(HubClient.Response response, int status) {
        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("type").asText()).startsWith("urn:mobility-hub:problem:");
        assertThat(problem.path("title").asText()).isNotBlank();
        // The client's request, never the service's internal path.
        assertThat(problem.path("instance").asText()).startsWith("/api/v1/");
        return problem;
    }

    protected static void assertNamesField(JsonNode problem, String field) {
        assertThat(problem.path("errors").findValuesAsText("field")).as(problem.toString()).contains(field);
    }

    protected static void assertOnlyPublicHeaders(HubClient.Response response) {
        assertThat(response.headers().keySet().stream().map(String::toLowerCase))
                .as(response.headers().toString())
                .allMatch(PUBLIC_RESPONSE_HEADERS::contains);
    }

    protected static String newVin() {
        StringBuilder vin = new StringBuilder();
        for (int i = 0; i < 17; i++) {
            vin.append(VIN_CHARACTERS.charAt(ThreadLocalRandom.current().nextInt(VIN_CHARACTERS.length())));
        }
        return vin.toString();
    }

    protected static String newEmail() {
        return "rider-" + java.util.UUID.randomUUID() + "@example.com";
    }
}
