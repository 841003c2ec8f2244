package com.mobilityhub.hub.operations;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.apache.camel.CamelContext;
import org.apache.camel.Route;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class OperationsIT extends ThroughTheHub {

    /** The rows of API.md the hub implements so far, with the methods of each path. */
    private static final Map<String, Set<String>> IMPLEMENTED_PATHS = Map.ofEntries(
            Map.entry("/users", Set.of("post")),
            Map.entry("/users/{id}", Set.of("get")),
            Map.entry("/users/{id}/credits", Set.of("post")),
            Map.entry("/users/{id}/credit-account", Set.of("get")),
            Map.entry("/vehicles", Set.of("post", "get")),
            Map.entry("/vehicles/{id}", Set.of("get")),
            Map.entry("/vehicles/{id}/location", Set.of("get", "put")),
            Map.entry("/vehicles/{id}/status", Set.of("put")),
            Map.entry("/vehicles/{id}/firmware", Set.of("put")),
            Map.entry("/vehicles/{id}/diagnostics", Set.of("post", "get")),
            Map.entry("/bookings", Set.of("post", "get")),
            Map.entry("/bookings/{id}", Set.of("get")),
            Map.entry("/admin/consistency", Set.of("get")));

    @Autowired
    private CamelContext camel;

    @Test
    void answersLivenessAndReadinessProbes() {
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HubClient.Response response = hub.get(probe);
            assertThat(response.status()).as(probe).isEqualTo(200);
            assertThat(response.json().path("status").asText()).isEqualTo("UP");
        }
    }

    @Test
    void publishesPerRouteCamelMetricsToPrometheus() {
        assertThat(hub.get("/api/v1/fleet/status").status()).isEqualTo(200);

        HubClient.Response scrape = hub.get("/actuator/prometheus");

        assertThat(scrape.status()).isEqualTo(200);
        assertThat(metricLines(scrape.body(), "camel_exchanges_total"))
                .anyMatch(line -> line.contains("routeId=\"get-fleet-status\""))
                .anyMatch(line -> line.contains("routeId=\"call-vehicle-service\""));
        assertThat(metricLines(scrape.body(), "camel_route_policy_seconds_count"))
                .anyMatch(line -> line.contains("routeId=\"get-fleet-status\""));
        assertThat(metricLines(scrape.body(), "camel_exchanges_failed_total"))
                .anyMatch(line -> line.contains("routeId=\"get-fleet-status\""));
    }

    @Test
    void servesAnOpenApiDocumentListingEveryImplementedPath() {
        HubClient.Response response = hub.get("/api/v1/openapi.json");

        assertThat(response.status()).isEqualTo(200);
        JsonNode document = response.json();
        assertThat(document.path("openapi").asText()).startsWith("3.");
        assertThat(document.path("servers").findValuesAsText("url")).allMatch(url -> url.endsWith("/api/v1"));
        JsonNode paths = document.path("paths");
        IMPLEMENTED_PATHS.forEach((path, methods) -> {
            assertThat(paths.has(path)).as(path + " in " + paths.properties()).isTrue();
            methods.forEach(method -> assertThat(paths.path(path).has(method)).as(method + " " + path).isTrue());
        });
        assertThat(paths.has("/fleet/status")).isTrue();
        assertThat(paths.path("/fleet/status").has("get")).isTrue();

        JsonNode registerUser = paths.path("/users").path("post");
        assertThat(registerUser.path("operationId").asText()).isEqualTo("register-user");
        assertThat(registerUser.path("requestBody").toString()).contains("#/components/schemas/RegisterUser");
        assertThat(registerUser.path("responses").path("201").toString()).contains("#/components/schemas/UserView");
        assertThat(registerUser.path("responses").path("400").toString()).contains("#/components/schemas/Problem");
        assertThat(paths.path("/vehicles").path("post").path("requestBody").toString())
                .contains("#/components/schemas/RegisterVehicle");
        assertThat(paths.path("/vehicles").path("get").path("parameters").findValuesAsText("name"))
                .contains("status", "page", "size");
        assertThat(document.path("components").path("schemas").path("UserView").path("properties").has("credits")).isTrue();
        JsonNode requestBooking = paths.path("/bookings").path("post");
        assertThat(requestBooking.path("operationId").asText()).isEqualTo("request-booking");
        assertThat(requestBooking.path("requestBody").toString()).contains("#/components/schemas/RequestBooking");
        assertThat(requestBooking.path("responses").path("202").toString()).contains("#/components/schemas/BookingAccepted");
        assertThat(requestBooking.path("responses").path("201").toString()).contains("#/components/schemas/BookingView");
        assertThat(requestBooking.path("responses").has("422")).isTrue();
        assertThat(requestBooking.path("parameters").findValuesAsText("name")).contains("Idempotency-Key", "Prefer");
        assertThat(document.path("components").path("schemas").path("Problem").path("properties").has("errors")).isTrue();
    }

    @Test
    void listsTheHubsCamelRoutesThroughJolokiaForHawtio() {
        HubClient.Response search = hub.get("/actuator/jolokia/search/org.apache.camel:type=routes,*");

        assertThat(search.status()).as(search.toString()).isEqualTo(200);
        List<String> mbeans = new ArrayList<>();
        search.json().path("value").forEach(name -> mbeans.add(name.asText()));
        for (Route route : camel.getRoutes()) {
            assertThat(mbeans).as(route.getRouteId()).contains(
                    "org.apache.camel:context=hub,type=routes,name=\"" + route.getRouteId() + "\"");
        }
        assertThat(mbeans).contains("org.apache.camel:context=hub,type=routes,name=\"register-user\"",
                "org.apache.camel:context=hub,type=routes,name=\"call-user-service\"");
        // Only the hub's routes: the services in this JVM keep their Camel MBeans to themselves.
        assertThat(mbeans).allMatch(name -> name.contains("context=hub,"));

        HubClient.Response state = hub.get(
                "/actuator/jolokia/read/org.apache.camel:context=hub,type=routes,name=%22get-user%22/State");
        assertThat(state.status()).as(state.toString()).isEqualTo(200);
        assertThat(state.json().path("value").asText()).isEqualTo("Started");
    }

    @Test
    void servesTheHawtioConsoleBehindALogin() {
        HubClient.Response console = hub.get("/actuator/hawtio/");

        assertThat(console.status()).as(console.toString()).isEqualTo(200);
        assertThat(console.header("Content-Type")).startsWith("text/html");
        assertThat(console.body()).contains("<title>Hawtio</title>");

        // A browser without a session is sent to the console's login page (HawtioConsoleIT logs in there).
        HubClient.Response stranger = hub.anonymous().send("/actuator/hawtio/", Map.of("Accept", "text/html"), "GET", null);
        assertThat(stranger.status()).as(stranger.toString()).isEqualTo(200);
        assertThat(stranger.body()).contains("name=\"username\"", "name=\"password\"").doesNotContain("<title>Hawtio</title>");
    }

    private static List<String> metricLines(String scrape, String name) {
        return scrape.lines().filter(line -> line.startsWith(name + "{")).toList();
    }
}
