package com.mobilityhub.contracts.api.vehicles;

import com.mobilityhub.contracts.api.GeoPoint;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** {@code POST /vehicles}. A VIN is 17 characters, letters I, O and Q excluded (ISO 3779). */
public record RegisterVehicle(
        @NotBlank @Pattern(regexp = "[A-HJ-NPR-Z0-9]{17}", message = "must be a 17-character VIN") String vin,
        @NotBlank @Size(max = 100) String model,
        @NotNull @Valid GeoPoint location) {
}
