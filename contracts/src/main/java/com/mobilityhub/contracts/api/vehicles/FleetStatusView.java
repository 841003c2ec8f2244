package com.mobilityhub.contracts.api.vehicles;

import java.util.Map;

/** {@code GET /fleet/status}: vehicles per status (every status present, zero included) and the total. */
public record FleetStatusView(Map<VehicleStatus, Long> counts, long total) {
}
