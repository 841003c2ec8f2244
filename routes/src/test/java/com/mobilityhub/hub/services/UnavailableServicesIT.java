package com.mobilityhub.hub.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubApplication;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.HubTestProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A hub whose user-service is down (nothing listens on its port) and whose vehicle-service accepts
 * connections but never answers. Its own Camel name, no JMX, Hawtio or Jolokia: those stay with the
 * main test hub, which may be alive in this JVM at the same time.
 */
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
                "spring.config.name=" + HubApplication.CONFIG_NAME,
                "camel.main.name=hub-degraded",
                "camel.main.jmx-enabled=false",
                "hawtio.enabled=false",
                "management.endpoints.web.exposure.include=health",
                "mobility.services.connect-timeout=1s",
                "mobility.services.response-timeout=1s"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnavailableServicesIT {

    private static final int CLOSED_PORT = closedPort();
    /** Bound with a backlog, never accepted from: connections succeed, answers never come. */
    private static final ServerSocket SILENT = silentSocket();

    @LocalServerPort
    private int port;

    private HubClient hub;

    @DynamicPropertySource
    static void unreachableServices(DynamicPropertyRegistry registry) {
        // Its own database and consumer group: the main test hub may be running beside it.
        HubTestProperties.register(registry, HubTestProperties.freePort(), "hub_degraded", "hub-degraded");
        registry.add("mobility.services.users.url", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("mobility.services.vehicles.url", () -> "http://127.0.0.1:" + SILENT.getLocalPort());
    }

    @AfterAll
    static void closeSilentService() throws IOException {
        SILENT.close();
    }

    @BeforeEach
    void client() {
        hub = new HubClient(port);
    }

    @Test
    void answersServiceUnavailableWhenAServiceIsDown() {
        assertUnavailable(hub.get("/api/v1/users/" + UUID.randomUUID()), "user-service");
        assertUnavailable(hub.post("/api/v1/users",
                "{\"name\":\"Ada\",\"email\":\"ada@example.com\",\"initialCredits\":1}"), "user-service");
    }

    @Test
    void answersServiceUnavailableWhenAServiceDoesNotAnswerInTime() {
        assertUnavailable(hub.get("/api/v1/vehicles/" + UUID.randomUUID()), "vehicle-service");
        assertUnavailable(hub.get("/api/v1/fleet/status"), "vehicle-service");
    }

    @Test
    void refusesIdsThatAreNotUuidsWithoutCallingTheService() {
        // A call would have been a 503: the 404 proves the hub answered on its own.
        HubClient.Response response = hub.get("/api/v1/users/not-a-uuid");

        assertThat(response.status()).as(response.toString()).isEqualTo(404);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        assertThat(response.json().path("errors").findValuesAsText("field")).containsExactly("id");
    }

    private static void assertUnavailable(HubClient.Response response, String service) {
        assertThat(response.status()).as(response.toString()).isEqualTo(503);
        assertThat(response.header("Content-Type")).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.path("type").asText()).isEqualTo("urn:mobility-hub:problem:service-unavailable");
        assertThat(problem.path("status").asInt()).isEqualTo(503);
        assertThat(problem.path("detail").asText()).contains(service);
        assertThat(problem.path("instance").asText()).startsWith("/api/v1/");
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ServerSocket silentSocket() {
        try {
            return new ServerSocket(0, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
