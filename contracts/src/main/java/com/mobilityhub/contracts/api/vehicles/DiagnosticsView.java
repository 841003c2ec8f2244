package com.mobilityhub.contracts.api.vehicles;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One diagnostics report as stored. */
public record DiagnosticsView(UUID id, UUID vehicleId, double batteryPercent, double odometerKm,
                              List<String> faultCodes, Instant reportedAt) {
}
