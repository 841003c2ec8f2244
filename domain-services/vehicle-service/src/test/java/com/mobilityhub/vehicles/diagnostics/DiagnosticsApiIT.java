package com.mobilityhub.vehicles.diagnostics;

import com.mobilityhub.contracts.api.vehicles.DiagnosticsView;
import com.mobilityhub.contracts.api.vehicles.VehicleView;
import com.mobilityhub.vehicles.ApiClient;
import com.mobilityhub.vehicles.Vehicles;
import com.mobilityhub.vehicles.WholeVehicleService;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WholeVehicleService
class DiagnosticsApiIT {

    @LocalServerPort
    int port;

    @Test
    void storesEachReportAndListsTheMostRecentFirst() {
        ApiClient api = new ApiClient(port);
        VehicleView vehicle = Vehicles.register(api);
        String path = "/vehicles/" + vehicle.id() + "/diagnostics";
        Instant before = Instant.now().minusSeconds(1);

        ApiClient.Response first = api.post(path, "{\"batteryPercent\":97.25,\"odometerKm\":1200.5,\"faultCodes\":[]}");
        ApiClient.Response second = api.post(path,
                "{\"batteryPercent\":12.5,\"odometerKm\":1288.125,\"faultCodes\":[\"P0420\",\"U0100\"]}");

        assertThat(first.status()).as(first.toString()).isEqualTo(201);
        assertThat(second.status()).as(second.toString()).isEqualTo(201);
        DiagnosticsView stored = second.as(DiagnosticsView.class);
        assertThat(stored.id()).isNotNull();
        assertThat(stored.vehicleId()).isEqualTo(vehicle.id());
        assertThat(stored.batteryPercent()).isEqualTo(12.5);
        assertThat(stored.odometerKm()).isEqualTo(1288.125);
        assertThat(stored.faultCodes()).containsExactly("P0420", "U0100");
        assertThat(stored.reportedAt()).isAfter(before);

        List<DiagnosticsView> listed = List.of(api.get(path).as(DiagnosticsView[].class));
        assertThat(listed).containsExactly(stored, first.as(DiagnosticsView.class));
        assertThat(List.of(api.get(path + "?limit=1").as(DiagnosticsView[].class))).containsExactly(stored);
    }

    @Test
    void listsNoReportsForAVehicleThatSentNone() {
        ApiClient api = new ApiClient(port);
        VehicleView vehicle = Vehicles.register(api);

        ApiClient.Response response = api.get("/vehicles/" + vehicle.id() + "/diagnostics");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.json().isArray()).isTrue();
        assertThat(response.json()).isEmpty();
    }
}
