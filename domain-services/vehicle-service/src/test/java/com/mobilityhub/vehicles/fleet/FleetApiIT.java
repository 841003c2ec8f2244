package com.mobilityhub.vehicles.fleet;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.vehicles.FleetStatusView;
import com.mobilityhub.contracts.api.vehicles.VehicleLocationView;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.api.vehicles.VehicleView;
import com.mobilityhub.vehicles.ApiClient;
import com.mobilityhub.vehicles.Vehicles;
import com.mobilityhub.vehicles.WholeVehicleService;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.orm.ObjectOptimisticLockingFailureException;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WholeVehicleService
class FleetApiIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    VehicleRepository vehicles;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void registersAVehicleAsAvailableWhereItStands() {
        String vin = Vehicles.randomVin();
        Instant before = Instant.now();

        ApiClient.Response response = api.post("/vehicles", Vehicles.registration(vin, 48.1372, 11.5756));

        assertThat(response.status()).as(response.toString()).isEqualTo(201);
        assertThat(response.contentType()).startsWith("application/json");
        VehicleView vehicle = response.as(VehicleView.class);
        assertThat(vehicle.id()).isNotNull();
        assertThat(vehicle.vin()).isEqualTo(vin);
        assertThat(vehicle.model()).isEqualTo("Aurora X1");
        assertThat(vehicle.status()).isEqualTo(VehicleStatus.AVAILABLE);
        assertThat(vehicle.location()).isEqualTo(new GeoPoint(48.1372, 11.5756));
        assertThat(vehicle.mileageKm()).isZero();
        assertThat(vehicle.firmwareVersion()).isNull();
        assertThat(vehicle.updatedAt()).isAfterOrEqualTo(before.minusSeconds(1));
        assertThat(response.location()).isEqualTo("/vehicles/" + vehicle.id());
        assertThat(api.get("/vehicles/" + vehicle.id()).as(VehicleView.class)).isEqualTo(vehicle);
        assertThat(jdbc.queryForObject("select count(*) from vehicle_telemetry where vehicle_id = ?", Long.class,
                vehicle.id())).isOne();
    }

    @Test
    void refusesASecondVehicleWithTheSameVin() {
        String vin = Vehicles.randomVin();
        assertThat(api.post("/vehicles", Vehicles.registration(vin, 1, 1)).status()).isEqualTo(201);

        ApiClient.Response duplicate = api.post("/vehicles", Vehicles.registration(vin, 2, 2));

        assertThat(duplicate.status()).as(duplicate.toString()).isEqualTo(409);
        assertThat(duplicate.contentType()).startsWith("application/problem+json");
        assertThat(duplicate.problemFields()).containsExactly("vin");
        assertThat(jdbc.queryForObject("select count(*) from vehicle where vin = ?", Long.class, vin)).isOne();
    }

    @Test
    void listsVehiclesOfOneStatusPageByPage() {
        List<UUID> offline = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            VehicleView vehicle = Vehicles.register(api);
            assertThat(api.put("/vehicles/" + vehicle.id() + "/status", "{\"status\":\"OFFLINE\"}").status()).isEqualTo(200);
            offline.add(vehicle.id());
        }
        long offlineInDatabase = jdbc.queryForObject("select count(*) from vehicle where status = 'OFFLINE'", Long.class);

        Set<UUID> seen = new HashSet<>();
        int pages = (int) ((offlineInDatabase + 1) / 2);
        for (int page = 0; page < pages; page++) {
            JsonNode listing = api.get("/vehicles?status=OFFLINE&size=2&page=" + page).json();
            assertThat(listing.path("page").path("number").asInt()).isEqualTo(page);
            assertThat(listing.path("page").path("size").asInt()).isEqualTo(2);
            assertThat(listing.path("page").path("totalItems").asLong()).isEqualTo(offlineInDatabase);
            assertThat(listing.path("page").path("totalPages").asInt()).isEqualTo(pages);
            assertThat(listing.path("items").size()).isBetween(1, 2);
            listing.path("items").forEach(item -> {
                assertThat(item.path("status").asText()).isEqualTo("OFFLINE");
                seen.add(UUID.fromString(item.path("id").asText()));
            });
        }
        assertThat(seen).hasSize((int) offlineInDatabase).containsAll(offline);
        assertThat(api.get("/vehicles?status=OFFLINE&size=2&page=" + pages).json().path("items")).isEmpty();

        JsonNode everything = api.get("/vehicles?size=200").json();
        assertThat(everything.path("page").path("totalItems").asLong())
                .isEqualTo(jdbc.queryForObject("select count(*) from vehicle", Long.class));
        assertThat(everything.path("page").path("size").asInt()).isEqualTo(200);
    }

    @Test
    void countsEveryStatusInTheFleetIncludingThoseWithNoVehicle() {
        VehicleView maintained = Vehicles.register(api);
        api.put("/vehicles/" + maintained.id() + "/status", "{\"status\":\"MAINTENANCE\"}");

        FleetStatusView status = api.get("/fleet/status").as(FleetStatusView.class);

        assertThat(status.counts()).containsOnlyKeys(VehicleStatus.values());
        Map<String, Object> inDatabase = new java.util.HashMap<>();
        jdbc.query("select status, count(*) from vehicle group by status",
                (java.sql.ResultSet rs) -> { inDatabase.put(rs.getString(1), rs.getLong(2)); });
        for (VehicleStatus each : VehicleStatus.values()) {
            assertThat(status.counts().get(each)).as(each.name()).isEqualTo(inDatabase.getOrDefault(each.name(), 0L));
        }
        // Statuses no vehicle has (RESERVED and IN_USE until the booking saga exists) are there with 0.
        assertThat(status.counts().get(VehicleStatus.MAINTENANCE)).isPositive();
        assertThat(status.total()).isEqualTo(status.counts().values().stream().mapToLong(Long::longValue).sum())
                .isEqualTo(jdbc.queryForObject("select count(*) from vehicle", Long.class));
    }

    @Test
    void servesTheLastKnownLocationAndFlagsItStaleOnceOlderThanTheWindow() {
        VehicleView vehicle = Vehicles.register(api);
        String path = "/vehicles/" + vehicle.id() + "/location";

        VehicleLocationView fresh = api.get(path).as(VehicleLocationView.class);
        assertThat(fresh.lat()).isEqualTo(52.52);
        assertThat(fresh.lng()).isEqualTo(13.405);
        assertThat(fresh.stale()).isFalse();

        // The window is mobility.vehicles.location-stale-after, 5 minutes by default.
        ageLocation(vehicle.id(), "4 minutes");
        assertThat(api.get(path).as(VehicleLocationView.class).stale()).isFalse();
        ageLocation(vehicle.id(), "6 minutes");
        VehicleLocationView stale = api.get(path).as(VehicleLocationView.class);
        assertThat(stale.stale()).isTrue();
        assertThat(stale.at()).isBefore(fresh.at());

        ApiClient.Response moved = api.put(path, "{\"lat\":48.8566,\"lng\":2.3522}");
        assertThat(moved.status()).as(moved.toString()).isEqualTo(200);
        VehicleLocationView reported = api.get(path).as(VehicleLocationView.class);
        assertThat(reported).isEqualTo(moved.as(VehicleLocationView.class));
        assertThat(reported.lat()).isEqualTo(48.8566);
        assertThat(reported.lng()).isEqualTo(2.3522);
        assertThat(reported.stale()).isFalse();
        assertThat(reported.at()).isAfter(stale.at());
        assertThat(api.get("/vehicles/" + vehicle.id()).as(VehicleView.class).location())
                .isEqualTo(new GeoPoint(48.8566, 2.3522));
    }

    @Test
    void recordsTheInstalledFirmwareVersion() {
        VehicleView vehicle = Vehicles.register(api);

        ApiClient.Response updated = api.put("/vehicles/" + vehicle.id() + "/firmware", "{\"firmwareVersion\":\"2.4.1\"}");

        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        assertThat(updated.as(VehicleView.class).firmwareVersion()).isEqualTo("2.4.1");
        assertThat(api.put("/vehicles/" + vehicle.id() + "/firmware", "{\"firmwareVersion\":\"3.0.0-rc.1\"}")
                .as(VehicleView.class).firmwareVersion()).isEqualTo("3.0.0-rc.1");
        assertThat(api.get("/vehicles/" + vehicle.id()).as(VehicleView.class).firmwareVersion()).isEqualTo("3.0.0-rc.1");
    }

    @Test
    void letsOperatorsMoveVehiclesBetweenAvailableMaintenanceAndOffline() {
        VehicleView vehicle = Vehicles.register(api);
        String path = "/vehicles/" + vehicle.id() + "/status";

        for (String status : List.of("MAINTENANCE", "OFFLINE", "AVAILABLE", "OFFLINE", "MAINTENANCE", "AVAILABLE")) {
            ApiClient.Response changed = api.put(path, "{\"status\":\"" + status + "\"}");
            assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
            assertThat(changed.as(VehicleView.class).status()).hasToString(status);
        }
        assertThat(api.get("/vehicles/" + vehicle.id()).as(VehicleView.class).status()).isEqualTo(VehicleStatus.AVAILABLE);
    }

    @Test
    void leavesReservedAndInUseToTheBookingSaga() {
        VehicleView vehicle = Vehicles.register(api);
        String path = "/vehicles/" + vehicle.id() + "/status";

        for (String status : List.of("RESERVED", "IN_USE")) {
            ApiClient.Response refused = api.put(path, "{\"status\":\"" + status + "\"}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
            assertThat(refused.contentType()).startsWith("application/problem+json");
        }
        assertThat(api.get("/vehicles/" + vehicle.id()).as(VehicleView.class).status()).isEqualTo(VehicleStatus.AVAILABLE);

        // Once the saga holds a vehicle, an operator cannot take it away by hand either.
        jdbc.update("update vehicle set status = 'RESERVED' where id = ?", vehicle.id());
        try {
            ApiClient.Response refused = api.put(path, "{\"status\":\"MAINTENANCE\"}");
            assertThat(refused.status()).as(refused.toString()).isEqualTo(409);
        } finally {
            jdbc.update("update vehicle set status = 'AVAILABLE' where id = ?", vehicle.id());
        }
    }

    @Test
    void refusesAStaleWriteOfTheSameVehicle() {
        UUID id = Vehicles.register(api).id();
        Vehicle first = vehicles.findById(id).orElseThrow();
        Vehicle second = vehicles.findById(id).orElseThrow();

        first.changeStatus(VehicleStatus.MAINTENANCE, Instant.now());
        vehicles.saveAndFlush(first);
        second.changeStatus(VehicleStatus.OFFLINE, Instant.now());

        assertThatThrownBy(() -> vehicles.saveAndFlush(second)).isInstanceOf(ObjectOptimisticLockingFailureException.class);
        assertThat(api.get("/vehicles/" + id).as(VehicleView.class).status()).isEqualTo(VehicleStatus.MAINTENANCE);
    }

    private void ageLocation(UUID vehicleId, String age) {
        jdbc.update("update vehicle_telemetry set recorded_at = now() - cast(? as interval) where vehicle_id = ?",
                age, vehicleId);
    }
}
