package com.mobilityhub.vehicles.fleet;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.api.vehicles.VehicleView;

import java.time.Instant;
import java.util.UUID;

/**
 * The events vehicle-service publishes on {@code mobility.vehicles.events.v1}, keyed by vehicle id.
 * Payloads are immutable records; the envelope carries the vehicle's version after the change.
 */
public final class VehicleEvents {

    /** {@value EventTypes#VEHICLE_STATUS_CHANGED}. */
    public record StatusChanged(UUID vehicleId, VehicleStatus previousStatus, VehicleStatus status, Instant changedAt) {
    }

    /** {@value EventTypes#VEHICLE_LOCATION_UPDATED}. */
    public record LocationUpdated(UUID vehicleId, double lat, double lng, Instant at) {
    }

    /** {@value EventTypes#VEHICLE_FIRMWARE_UPDATED}. {@code previousVersion} is null on the first report. */
    public record FirmwareUpdated(UUID vehicleId, String previousVersion, String firmwareVersion, Instant updatedAt) {
    }

    /** {@value EventTypes#VEHICLE_REGISTERED}: the vehicle as registered. */
    public static EventEnvelope registered(Vehicle vehicle) {
        VehicleView view = vehicle.toView();
        return about(vehicle, EventTypes.VEHICLE_REGISTERED, view);
    }

    public static EventEnvelope statusChanged(Vehicle vehicle, VehicleStatus previous) {
        return about(vehicle, EventTypes.VEHICLE_STATUS_CHANGED,
                new StatusChanged(vehicle.getId(), previous, vehicle.getStatus(), vehicle.getUpdatedAt()));
    }

    public static EventEnvelope locationUpdated(Vehicle vehicle) {
        return about(vehicle, EventTypes.VEHICLE_LOCATION_UPDATED, new LocationUpdated(vehicle.getId(),
                vehicle.getLocation().lat(), vehicle.getLocation().lng(), vehicle.getLocationRecordedAt()));
    }

    public static EventEnvelope firmwareUpdated(Vehicle vehicle, String previousVersion) {
        return about(vehicle, EventTypes.VEHICLE_FIRMWARE_UPDATED, new FirmwareUpdated(vehicle.getId(),
                previousVersion, vehicle.getFirmwareVersion(), vehicle.getUpdatedAt()));
    }

    /** An event about {@code vehicle} carrying {@code payload}; the vehicle must be flushed so its version is current. */
    public static EventEnvelope about(Vehicle vehicle, String eventType, Object payload) {
        return EventEnvelope.of(eventType, vehicle.getId().toString(), vehicle.getVersion(),
                EventJson.mapper().valueToTree(payload));
    }

    private VehicleEvents() {
    }
}
