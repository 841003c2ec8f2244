package com.mobilityhub.contracts.api.vehicles;

import com.mobilityhub.contracts.api.GeoPoint;

import java.time.Instant;
import java.util.UUID;

/** A vehicle as clients see it. */
public record VehicleView(UUID id, String vin, String model, VehicleStatus status, GeoPoint location,
                          String firmwareVersion, double mileageKm, Instant updatedAt) {
}
