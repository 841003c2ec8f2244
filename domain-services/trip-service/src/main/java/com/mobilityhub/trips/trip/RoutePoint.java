package com.mobilityhub.trips.trip;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

import java.time.Instant;

/** One recorded position of a trip (a row of {@code trip_route_point}); its place in the route is its list index. */
@Embeddable
public record RoutePoint(
        @Column(name = "lat", nullable = false) double lat,
        @Column(name = "lng", nullable = false) double lng,
        @Column(name = "recorded_at", nullable = false) Instant recordedAt) {
}
