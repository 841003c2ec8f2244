package com.mobilityhub.contracts.api.vehicles;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;

/** {@code POST /vehicles/{id}/diagnostics}: a health report from the vehicle. */
public record ReportDiagnostics(
        @NotNull @DecimalMin("0.0") @DecimalMax("100.0") Double batteryPercent,
        @NotNull @DecimalMin("0.0") @DecimalMax("10000000.0") Double odometerKm,
        @NotNull @Size(max = 50) List<@Pattern(regexp = "[A-Z0-9-]{1,20}") String> faultCodes) {
}
