package com.mobilityhub.contracts.api.vehicles;

import jakarta.validation.constraints.NotNull;

/** {@code PUT /vehicles/{id}/status}: operator sets a vehicle's status (e.g. MAINTENANCE). */
public record ChangeVehicleStatus(@NotNull VehicleStatus status) {
}
