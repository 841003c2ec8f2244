package com.mobilityhub.contracts;

/** Event type names carried in {@link EventEnvelope#eventType()}, grouped by the domain that emits them. */
public final class EventTypes {

    // user-service -> mobility.users.events.v1
    public static final String USER_REGISTERED = "UserRegistered";
    public static final String CREDITS_TOPPED_UP = "CreditsToppedUp";

    // vehicle-service -> mobility.vehicles.events.v1
    public static final String VEHICLE_REGISTERED = "VehicleRegistered";
    public static final String VEHICLE_STATUS_CHANGED = "VehicleStatusChanged";
    public static final String VEHICLE_LOCATION_UPDATED = "VehicleLocationUpdated";
    public static final String VEHICLE_FIRMWARE_UPDATED = "VehicleFirmwareUpdated";
    public static final String VEHICLE_DIAGNOSTICS_REPORTED = "VehicleDiagnosticsReported";

    private EventTypes() {
    }
}
