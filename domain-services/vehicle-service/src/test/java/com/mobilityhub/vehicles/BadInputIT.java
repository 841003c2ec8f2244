package com.mobilityhub.vehicles;

import com.mobilityhub.contracts.api.vehicles.VehicleView;
import com.mobilityhub.kit.outbox.OutboxRelayRoute;
import org.apache.camel.CamelContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

/**
 * Every malformed request gets a problem+json naming the field at fault, and changes nothing:
 * no vehicle, telemetry, diagnostics or outbox row appears or changes. The outbox relay is stopped
 * meanwhile, so an event recorded by mistake would stay visible in the outbox table.
 */
@WholeVehicleService
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputIT {

    private static final String UNKNOWN = "/vehicles/" + UUID.randomUUID();
    private static final String VALID_DIAGNOSTICS = "{\"batteryPercent\":50,\"odometerKm\":10,\"faultCodes\":[]}";

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    CamelContext camel;

    ApiClient api;
    VehicleView existing;

    @BeforeAll
    void stopRelayAndRegisterAVehicle() throws Exception {
        api = new ApiClient(port);
        existing = Vehicles.register(api);
        camel.getRouteController().stopRoute(OutboxRelayRoute.ROUTE_ID);
    }

    @AfterAll
    void restartRelay() throws Exception {
        camel.getRouteController().startRoute(OutboxRelayRoute.ROUTE_ID);
    }

    Stream<Arguments> badRequests() {
        String longModel = "M".repeat(101);
        String manyCodes = "[" + String.join(",", java.util.Collections.nCopies(51, "\"P0001\"")) + "]";
        return Stream.of(
                // POST /vehicles
                arguments("POST", "/vehicles", null, 400, "body"),
                arguments("POST", "/vehicles", "{", 400, "body"),
                arguments("POST", "/vehicles", "[]", 400, "body"),
                arguments("POST", "/vehicles", "{\"model\":\"X\",\"location\":{\"lat\":1,\"lng\":1}}", 400, "vin"),
                arguments("POST", "/vehicles", Vehicles.registration("1HGCM82633A00435", 1, 1), 400, "vin"),
                arguments("POST", "/vehicles", Vehicles.registration("1HGCM82633A00435I", 1, 1), 400, "vin"),
                arguments("POST", "/vehicles", "{\"vin\":12345678901234567,\"model\":\"X\",\"location\":{\"lat\":1,\"lng\":1}}", 400, "vin"),
                arguments("POST", "/vehicles", "{\"vin\":\"" + Vehicles.randomVin() + "\",\"model\":\" \",\"location\":{\"lat\":1,\"lng\":1}}", 400, "model"),
                arguments("POST", "/vehicles", "{\"vin\":\"" + Vehicles.randomVin() + "\",\"model\":\"" + longModel + "\",\"location\":{\"lat\":1,\"lng\":1}}", 400, "model"),
                arguments("POST", "/vehicles", "{\"vin\":\"" + Vehicles.randomVin() + "\",\"model\":\"X\"}", 400, "location"),
                arguments("POST", "/vehicles", Vehicles.registration(Vehicles.randomVin(), 90.5, 1), 400, "location.lat"),
                arguments("POST", "/vehicles", Vehicles.registration(Vehicles.randomVin(), 1, -180.01), 400, "location.lng"),
                arguments("POST", "/vehicles", "{\"vin\":\"" + Vehicles.randomVin() + "\",\"model\":\"X\",\"location\":{\"lat\":\"1\",\"lng\":1}}", 400, "location.lat"),
                arguments("POST", "/vehicles", "{\"vin\":\"" + Vehicles.randomVin() + "\",\"model\":\"X\",\"location\":{\"lat\":1,\"lng\":1},\"color\":\"red\"}", 400, "color"),
                arguments("POST", "/vehicles", "DUPLICATE", 409, "vin"),
                // reads
                arguments("GET", "/vehicles/not-a-uuid", null, 400, "id"),
                arguments("GET", UNKNOWN, null, 404, "id"),
                arguments("GET", "/vehicles?status=PARKED", null, 400, "status"),
                arguments("GET", "/vehicles?status=available", null, 400, "status"),
                arguments("GET", "/vehicles?page=-1", null, 400, "page"),
                arguments("GET", "/vehicles?page=first", null, 400, "page"),
                arguments("GET", "/vehicles?size=0", null, 400, "size"),
                arguments("GET", "/vehicles?size=201", null, 400, "size"),
                arguments("GET", UNKNOWN + "/location", null, 404, "id"),
                arguments("GET", "/vehicles/123/location", null, 400, "id"),
                // PUT status
                arguments("PUT", "EXISTING/status", "{\"status\":\"PARKED\"}", 400, "status"),
                arguments("PUT", "EXISTING/status", "{}", 400, "status"),
                arguments("PUT", "EXISTING/status", "{\"status\":null}", 400, "status"),
                arguments("PUT", "EXISTING/status", "{\"status\":\"OFFLINE\",\"reason\":\"x\"}", 400, "reason"),
                arguments("PUT", "EXISTING/status", "{\"status\":\"RESERVED\"}", 409, null),
                arguments("PUT", "EXISTING/status", "{\"status\":\"IN_USE\"}", 409, null),
                arguments("PUT", UNKNOWN + "/status", "{\"status\":\"OFFLINE\"}", 404, "id"),
                arguments("PUT", "/vehicles/x/status", "{\"status\":\"OFFLINE\"}", 400, "id"),
                // PUT firmware
                arguments("PUT", "EXISTING/firmware", "{\"firmwareVersion\":\"v2\"}", 400, "firmwareVersion"),
                arguments("PUT", "EXISTING/firmware", "{\"firmwareVersion\":2}", 400, "firmwareVersion"),
                arguments("PUT", "EXISTING/firmware", "{\"firmwareVersion\":\"\"}", 400, "firmwareVersion"),
                arguments("PUT", "EXISTING/firmware", null, 400, "body"),
                arguments("PUT", UNKNOWN + "/firmware", "{\"firmwareVersion\":\"1.0.0\"}", 404, "id"),
                // PUT location
                arguments("PUT", "EXISTING/location", "{\"lat\":100,\"lng\":0}", 400, "lat"),
                arguments("PUT", "EXISTING/location", "{\"lat\":1}", 400, "lng"),
                arguments("PUT", "EXISTING/location", "{\"lat\":true,\"lng\":0}", 400, "lat"),
                arguments("PUT", UNKNOWN + "/location", "{\"lat\":1,\"lng\":1}", 404, "id"),
                // diagnostics
                arguments("POST", "EXISTING/diagnostics", "{\"batteryPercent\":100.1,\"odometerKm\":10,\"faultCodes\":[]}", 400, "batteryPercent"),
                arguments("POST", "EXISTING/diagnostics", "{\"batteryPercent\":50,\"odometerKm\":-1,\"faultCodes\":[]}", 400, "odometerKm"),
                arguments("POST", "EXISTING/diagnostics", "{\"batteryPercent\":50,\"odometerKm\":10}", 400, "faultCodes"),
                arguments("POST", "EXISTING/diagnostics", "{\"batteryPercent\":50,\"odometerKm\":10,\"faultCodes\":" + manyCodes + "}", 400, "faultCodes"),
                arguments("POST", "EXISTING/diagnostics", "{\"batteryPercent\":50,\"odometerKm\":10,\"faultCodes\":[\"bad code\"]}", 400, "faultCodes[0]"),
                arguments("POST", UNKNOWN + "/diagnostics", VALID_DIAGNOSTICS, 404, "id"),
                arguments("GET", UNKNOWN + "/diagnostics", null, 404, "id"),
                arguments("GET", "EXISTING/diagnostics?limit=0", null, 400, "limit"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {3} {4}")
    @MethodSource("badRequests")
    void refusesBadInputNamingTheFieldAndWritesNothing(String method, String path, String body, int status,
                                                       String field) {
        String target = path.replace("EXISTING", "/vehicles/" + existing.id());
        String payload = "DUPLICATE".equals(body) ? Vehicles.registration(existing.vin(), 0, 0) : body;
        List<Object> before = snapshot();

        ApiClient.Response response = api.send(method, target, payload);

        assertThat(response.status()).as(response.toString()).isEqualTo(status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.json().path("status").asInt()).isEqualTo(status);
        assertThat(response.json().path("type").asText()).startsWith("urn:mobility-hub:problem:");
        assertThat(response.json().path("title").asText()).isNotBlank();
        assertThat(response.json().path("detail").asText()).isNotBlank();
        if (field != null) {
            assertThat(response.problemFields()).as(response.toString()).anySatisfy(named -> assertThat(named).startsWith(field));
        }
        assertThat(snapshot()).as("rows after " + method + " " + target).isEqualTo(before);
    }

    /** Row counts of every table a request could write, and the existing vehicle's version. */
    private List<Object> snapshot() {
        return List.of(
                count("vehicle"), count("vehicle_telemetry"), count("vehicle_diagnostics"), count("outbox_event"),
                jdbc.queryForObject("select version from vehicle where id = ?", Long.class, existing.id()));
    }

    private long count(String table) {
        return jdbc.queryForObject("select count(*) from " + table, Long.class);
    }
}
