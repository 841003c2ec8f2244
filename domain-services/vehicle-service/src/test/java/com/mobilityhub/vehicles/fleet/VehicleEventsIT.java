package com.mobilityhub.vehicles.fleet;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventSchemas;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.vehicles.VehicleView;
import com.mobilityhub.vehicles.ApiClient;
import com.mobilityhub.vehicles.VehicleEventsTopic;
import com.mobilityhub.vehicles.Vehicles;
import com.mobilityhub.vehicles.WholeVehicleService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

@WholeVehicleService
class VehicleEventsIT {

    @LocalServerPort
    int port;

    @Test
    void publishesEveryChangeOfAVehicleInOrderKeyedByItsId() throws Exception {
        ApiClient api = new ApiClient(port);
        VehicleView vehicle = Vehicles.register(api);
        String id = vehicle.id().toString();
        assertThat(api.put("/vehicles/" + id + "/status", "{\"status\":\"MAINTENANCE\"}").status()).isEqualTo(200);
        assertThat(api.put("/vehicles/" + id + "/firmware", "{\"firmwareVersion\":\"2.4.1\"}").status()).isEqualTo(200);
        assertThat(api.put("/vehicles/" + id + "/location", "{\"lat\":40.4168,\"lng\":-3.7038}").status()).isEqualTo(200);
        assertThat(api.post("/vehicles/" + id + "/diagnostics",
                "{\"batteryPercent\":81.5,\"odometerKm\":12034.2,\"faultCodes\":[\"P0420\"]}").status()).isEqualTo(201);
        // Setting the status it already has is not a change: no event, so the next change is version 5.
        assertThat(api.put("/vehicles/" + id + "/status", "{\"status\":\"MAINTENANCE\"}").status()).isEqualTo(200);
        assertThat(api.put("/vehicles/" + id + "/status", "{\"status\":\"AVAILABLE\"}").status()).isEqualTo(200);

        List<ConsumerRecord<String, String>> records = VehicleEventsTopic.recordsFor(id, found -> found.size() >= 6);

        assertThat(records).extracting(ConsumerRecord::topic).containsOnly(Topics.VEHICLES);
        assertThat(records).hasSize(6);
        List<JsonNode> events = records.stream().map(VehicleEventsIT::json).toList();
        for (JsonNode event : events) {
            assertThat(EventSchemas.envelopeViolations(event)).as(event.toString()).isEmpty();
            assertThat(event.path("aggregateId").asText()).isEqualTo(id);
        }
        assertThat(events).extracting(event -> event.path("eventType").asText()).containsExactly(
                EventTypes.VEHICLE_REGISTERED,
                EventTypes.VEHICLE_STATUS_CHANGED,
                EventTypes.VEHICLE_FIRMWARE_UPDATED,
                EventTypes.VEHICLE_LOCATION_UPDATED,
                EventTypes.VEHICLE_DIAGNOSTICS_REPORTED,
                EventTypes.VEHICLE_STATUS_CHANGED);
        assertThat(events).extracting(event -> event.path("version").asLong()).containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
        for (int i = 0; i < records.size(); i++) {
            assertThat(header(records.get(i), EventHeaders.EVENT_ID)).isEqualTo(events.get(i).path("eventId").asText());
            assertThat(header(records.get(i), EventHeaders.EVENT_TYPE)).isEqualTo(events.get(i).path("eventType").asText());
        }

        assertThat(events.get(0).path("data").path("vin").asText()).isEqualTo(vehicle.vin());
        assertThat(events.get(0).path("data").path("status").asText()).isEqualTo("AVAILABLE");
        assertThat(events.get(1).path("data").path("previousStatus").asText()).isEqualTo("AVAILABLE");
        assertThat(events.get(1).path("data").path("status").asText()).isEqualTo("MAINTENANCE");
        assertThat(events.get(2).path("data").path("firmwareVersion").asText()).isEqualTo("2.4.1");
        assertThat(events.get(2).path("data").path("previousVersion").isNull()).isTrue();
        assertThat(events.get(3).path("data").path("lat").asDouble()).isEqualTo(40.4168);
        assertThat(events.get(3).path("data").path("lng").asDouble()).isEqualTo(-3.7038);
        assertThat(events.get(4).path("data").path("batteryPercent").asDouble()).isEqualTo(81.5);
        assertThat(events.get(4).path("data").path("faultCodes").get(0).asText()).isEqualTo("P0420");
        assertThat(events.get(5).path("data").path("previousStatus").asText()).isEqualTo("MAINTENANCE");
        assertThat(events.get(5).path("data").path("status").asText()).isEqualTo("AVAILABLE");
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (Exception e) {
            throw new IllegalStateException("Not JSON: " + record.value(), e);
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
