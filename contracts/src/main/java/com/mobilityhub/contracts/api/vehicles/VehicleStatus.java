package com.mobilityhub.contracts.api.vehicles;

/** Where a vehicle is in its life: only AVAILABLE vehicles can be reserved. */
public enum VehicleStatus {
    AVAILABLE, RESERVED, IN_USE, MAINTENANCE, OFFLINE
}
