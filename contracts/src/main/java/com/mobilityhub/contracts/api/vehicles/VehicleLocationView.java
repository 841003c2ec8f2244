package com.mobilityhub.contracts.api.vehicles;

import java.time.Instant;

/** Last known position; {@code stale} when older than the configured freshness window or served from a fallback. */
public record VehicleLocationView(double lat, double lng, Instant at, boolean stale) {
}
