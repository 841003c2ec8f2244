package com.mobilityhub.hub.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubApplication;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.HubTestProperties;
import com.sun.net.httpserver.HttpServer;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A hub whose user-service is down (nothing listens on its port), whose vehicle-service accepts
 * connections but never answers, and whose billing-service is a stand-in HTTP server the tests stop and
 * start again. Its own Camel name, no JMX, Hawtio or Jolokia: those stay with the main test hub, which
 * may be alive in this JVM at the same time. Breakers open for 2 s here (30 s by default).
 */
@SpringBootTest(classes = HubApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {
                "spring.config.name=" + HubApplication.CONFIG_NAME,
                "camel.main.name=hub-degraded",
                "camel.main.jmx-enabled=false",
                "hawtio.enabled=false",
                "management.endpoints.web.exposure.include=health",
                "mobility.services.connect-timeout=1s",
                "mobility.services.response-timeout=1s",
                "mobility.services.resilience.open-duration=2s",
                "mobility.services.resilience.retry-delay=20ms"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class UnavailableServicesIT {

    private static final int CLOSED_PORT = closedPort();
    /** Bound with a backlog, never accepted from: connections succeed, answers never come. */
    private static final ServerSocket SILENT = silentSocket();
    /** billing-service's stand-in: answers every invoice with 200 while it runs. */
    private static final StandInService BILLING = new StandInService(closedPort());

    @LocalServerPort
    private int port;

    private HubClient hub;

    @Autowired
    private ServiceCircuitBreakers breakers;

    @DynamicPropertySource
    static void unreachableServices(DynamicPropertyRegistry registry) {
        // Its own database and consumer group: the main test hub may be running beside it.
        HubTestProperties.register(registry, HubTestProperties.freePort(), "hub_degraded", "hub-degraded");
        registry.add("mobility.services.users.url", () -> "http://127.0.0.1:" + CLOSED_PORT);
        registry.add("mobility.services.vehicles.url", () -> "http://127.0.0.1:" + SILENT.getLocalPort());
        registry.add("mobility.services.billing.url", () -> "http://127.0.0.1:" + BILLING.port());
    }

    @AfterAll
    static void closeSilentService() throws IOException {
        SILENT.close();
        BILLING.stop();
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
    void answersAtOnceWithRetryAfterWhileAServiceIsStoppedAndRecoversByItselfWhenItIsBack() {
        String invoice = "/api/v1/billing/invoices/" + UUID.randomUUID();
        BILLING.start();
        assertThat(hub.get(invoice).status()).isEqualTo(200);

        BILLING.stop();
        HubClient.Response refused = hub.get(invoice);
        assertUnavailable(refused, "billing-service");
        assertThat(refused.header("Retry-After")).isEqualTo("1");
        // Enough failures open the breaker: from then on the hub answers without calling.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            HubClient.Response paused = hub.get(invoice);
            assertUnavailable(paused, "billing-service");
            assertThat(paused.json().path("detail").asText()).contains("paused");
            assertThat(paused.header("Retry-After")).isEqualTo("2");
        });
        int callsWhileOpen = BILLING.requests();
        assertUnavailable(hub.post(invoice + "/payments", ""), "billing-service");
        assertThat(BILLING.requests()).isEqualTo(callsWhileOpen);

        BILLING.start();
        // No restart, no operator: the breaker tries again on its own and closes.
        // Half-open lets trial calls through; once enough of them succeed it is closed again.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(hub.get(invoice).status()).isEqualTo(200);
            assertThat(breakers.of(DomainService.BILLING).getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        });
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

    /** A stand-in HTTP service on a fixed port, started and stopped by the test; counts the requests it got. */
    private static final class StandInService {

        private final int port;
        private final AtomicInteger requests = new AtomicInteger();
        private HttpServer server;

        StandInService(int port) {
            this.port = port;
        }

        int port() {
            return port;
        }

        int requests() {
            return requests.get();
        }

        synchronized void start() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                byte[] body = "{\"status\":\"ISSUED\"}".getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
        }

        synchronized void stop() {
            if (server != null) {
                server.stop(0);
                server = null;
            }
        }
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
