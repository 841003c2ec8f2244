package com.mobilityhub.hub.admin;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** {@code GET /admin/consistency}: ok when no violation was found. */
public record ConsistencyReport(boolean ok, Instant checkedAt, List<Violation> violations) {

    /** One broken invariant; names the booking, user or vehicle it is about. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Violation(String kind, UUID bookingId, UUID userId, UUID vehicleId, String detail) {

        static Violation ofBooking(String kind, UUID bookingId, String detail) {
            return new Violation(kind, bookingId, null, null, detail);
        }

        static Violation ofUser(String kind, UUID userId, String detail) {
            return new Violation(kind, null, userId, null, detail);
        }

        static Violation ofVehicle(String kind, UUID vehicleId, String detail) {
            return new Violation(kind, null, null, vehicleId, detail);
        }
    }
}
