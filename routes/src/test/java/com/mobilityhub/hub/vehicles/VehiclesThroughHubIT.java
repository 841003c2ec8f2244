package com.mobilityhub.hub.vehicles;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class VehiclesThroughHubIT extends ThroughTheHub {

    @Test
    void registersAVehicleAndReadsItBack() {
        String vin = newVin();
        HubClient.Response created = hub.post("/api/v1/vehicles", vehicle(vin, 52.52, 13.405));

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        JsonNode vehicle = created.json();
        String id = vehicle.path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/vehicles/" + id);
        assertThat(vehicle.path("vin").asText()).isEqualTo(vin);
        assertThat(vehicle.path("model").asText()).isEqualTo("Pod One");
        assertThat(vehicle.path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(vehicle.path("location").path("lat").asDouble()).isEqualTo(52.52);
        assertOnlyPublicHeaders(created);

        HubClient.Response read = hub.get(created.header("Location"));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("id").asText()).isEqualTo(id);
        assertThat(read.json().path("vin").asText()).isEqualTo(vin);
        assertOnlyPublicHeaders(read);
    }

    @Test
    void listsVehiclesByStatusAndCountsTheFleet() {
        JsonNode countsBefore = fleetStatus();
        String available = registerVehicle();
        String inMaintenance = registerVehicle();

        HubClient.Response changed = hub.put("/api/v1/vehicles/" + inMaintenance + "/status", "{\"status\":\"MAINTENANCE\"}");
        assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
        assertThat(changed.json().path("status").asText()).isEqualTo("MAINTENANCE");

        HubClient.Response listed = hub.get("/api/v1/vehicles?status=MAINTENANCE&size=200&internal=ignored");
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        listed.json().path("items").forEach(item -> {
            assertThat(item.path("status").asText()).isEqualTo("MAINTENANCE");
            ids.add(item.path("id").asText());
        });
        assertThat(ids).contains(inMaintenance).doesNotContain(available);
        assertThat(listed.json().path("page").path("size").asInt()).isEqualTo(200);

        JsonNode countsAfter = fleetStatus();
        for (VehicleStatus status : VehicleStatus.values()) {
            assertThat(countsAfter.path("counts").has(status.name())).as(status.name()).isTrue();
        }
        assertThat(countsAfter.path("total").asLong()).isEqualTo(countsBefore.path("total").asLong() + 2);
        assertThat(countsAfter.path("counts").path("MAINTENANCE").asLong())
                .isEqualTo(countsBefore.path("counts").path("MAINTENANCE").asLong() + 1);
        assertThat(countsAfter.path("counts").path("AVAILABLE").asLong())
                .isEqualTo(countsBefore.path("counts").path("AVAILABLE").asLong() + 1);

        assertNamesField(assertProblem(hub.get("/api/v1/vehicles?status=BROKEN"), 400), "status");
    }

    @Test
    void readsAndMovesAVehiclesLocation() {
        String id = registerVehicle();

        HubClient.Response location = hub.get("/api/v1/vehicles/" + id + "/location");
        assertThat(location.status()).as(location.toString()).isEqualTo(200);
        assertThat(location.json().path("lat").asDouble()).isEqualTo(52.52);
        assertThat(location.json().path("lng").asDouble()).isEqualTo(13.405);
        assertThat(location.json().path("at").asText()).isNotBlank();
        assertThat(location.json().path("stale").asBoolean()).isFalse();

        HubClient.Response moved = hub.put("/api/v1/vehicles/" + id + "/location", "{\"lat\":48.8566,\"lng\":2.3522}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        assertThat(hub.get("/api/v1/vehicles/" + id + "/location").json().path("lat").asDouble()).isEqualTo(48.8566);
    }

    @Test
    void passesFirmwareAndDiagnosticsThrough() {
        String id = registerVehicle();

        HubClient.Response firmware = hub.put("/api/v1/vehicles/" + id + "/firmware", "{\"firmwareVersion\":\"2.4.1\"}");
        assertThat(firmware.status()).as(firmware.toString()).isEqualTo(200);
        assertThat(firmware.json().path("firmwareVersion").asText()).isEqualTo("2.4.1");

        HubClient.Response reported = hub.post("/api/v1/vehicles/" + id + "/diagnostics",
                "{\"batteryPercent\":81.5,\"odometerKm\":1200.0,\"faultCodes\":[\"P0420\"]}");
        assertThat(reported.status()).as(reported.toString()).isEqualTo(201);
        assertThat(reported.json().path("vehicleId").asText()).isEqualTo(id);

        HubClient.Response reports = hub.get("/api/v1/vehicles/" + id + "/diagnostics?limit=5");
        assertThat(reports.status()).as(reports.toString()).isEqualTo(200);
        assertThat(reports.json().findValuesAsText("vehicleId")).containsExactly(id);

        assertNamesField(assertProblem(hub.put("/api/v1/vehicles/" + id + "/firmware",
                "{\"firmwareVersion\":\"latest\"}"), 400), "firmwareVersion");
        assertNamesField(assertProblem(hub.put("/api/v1/vehicles/" + id + "/status",
                "{\"status\":\"FLYING\"}"), 400), "status");
    }

    @Test
    void refusesInvalidVehiclesNamingTheFieldAndWritesNothing() {
        long before = services().vehicles().storedRows();

        assertNamesField(assertProblem(hub.post("/api/v1/vehicles", "{\"vin\": "), 400), "body");
        assertNamesField(assertProblem(hub.post("/api/v1/vehicles",
                "{\"vin\":\"SHORT\",\"model\":\"Pod One\",\"location\":{\"lat\":1,\"lng\":2}}"), 400), "vin");
        assertNamesField(assertProblem(hub.post("/api/v1/vehicles",
                "{\"vin\":\"" + newVin() + "\",\"model\":\"Pod One\"}"), 400), "location");
        assertNamesField(assertProblem(hub.post("/api/v1/vehicles",
                "{\"vin\":\"" + newVin() + "\",\"model\":\"Pod One\",\"location\":{\"lat\":100,\"lng\":2}}"), 400),
                "location.lat");
        assertNamesField(assertProblem(hub.post("/api/v1/vehicles",
                "{\"vin\":\"" + newVin() + "\",\"model\":7,\"location\":{\"lat\":1,\"lng\":2}}"), 400), "model");
        assertNamesField(assertProblem(hub.post("/api/v1/vehicles",
                "{\"vin\":\"" + newVin() + "\",\"model\":\"Pod One\",\"location\":{\"lat\":\"north\",\"lng\":2}}"), 400),
                "location.lat");

        assertThat(services().vehicles().storedRows()).isEqualTo(before);
    }

    @Test
    void answersNotFoundForUnknownVehiclesAndIdsThatAreNotUuids() {
        long before = services().vehicles().storedRows();
        String unknown = UUID.randomUUID().toString();

        assertNamesField(assertProblem(hub.get("/api/v1/vehicles/" + unknown), 404), "id");
        assertNamesField(assertProblem(hub.get("/api/v1/vehicles/" + unknown + "/location"), 404), "id");
        assertNamesField(assertProblem(hub.put("/api/v1/vehicles/" + unknown + "/status",
                "{\"status\":\"OFFLINE\"}"), 404), "id");
        assertNamesField(assertProblem(hub.get("/api/v1/vehicles/not-a-uuid"), 404), "id");
        assertNamesField(assertProblem(hub.get("/api/v1/vehicles/42/location"), 404), "id");
        assertNamesField(assertProblem(hub.put("/api/v1/vehicles/42/firmware", "{\"firmwareVersion\":\"1.0.0\"}"), 404), "id");
        assertNamesField(assertProblem(hub.post("/api/v1/vehicles/42/diagnostics", "{}"), 404), "id");

        assertThat(services().vehicles().storedRows()).isEqualTo(before);
    }

    private JsonNode fleetStatus() {
        HubClient.Response status = hub.get("/api/v1/fleet/status");
        assertThat(status.status()).as(status.toString()).isEqualTo(200);
        return status.json();
    }

    private String registerVehicle() {
        HubClient.Response created = hub.post("/api/v1/vehicles", vehicle(newVin(), 52.52, 13.405));
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    static String vehicle(String vin, double lat, double lng) {
        return "{\"vin\":\"" + vin + "\",\"model\":\"Pod One\",\"location\":{\"lat\":" + lat + ",\"lng\":" + lng + "}}";
    }
}
