package com.mobilityhub.trips;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.trips.trip.Trip;
import com.mobilityhub.trips.trip.TripRepository;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Trips as the booking saga leaves them: CREATED, with the booking's saga step in {@code state}. */
public final class ConfirmedTrips {

    private final TripRepository trips;
    private final JdbcTemplate jdbc;

    public ConfirmedTrips(TripRepository trips, JdbcTemplate jdbc) {
        this.trips = trips;
        this.jdbc = jdbc;
    }

    /** A CREATED trip whose booking is CONFIRMED: ready to start. */
    public Trip confirmed(UUID userId, UUID vehicleId) {
        return withStep(userId, vehicleId, "CONFIRMED");
    }

    /** A CREATED trip whose booking's saga step is in {@code state} (TRIP_CREATED: the saga is still running). */
    public Trip withStep(UUID userId, UUID vehicleId, String state) {
        UUID bookingId = UUID.randomUUID();
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        Trip trip = trips.saveAndFlush(Trip.create(bookingId.toString(), userId, vehicleId,
                new GeoPoint(52.52, 13.405), new GeoPoint(52.50, 13.37), new BigDecimal("18.40"), now));
        jdbc.update("""
                        insert into trip_booking_step (booking_id, state, trip_id, booking, updated_at, version)
                        values (?, ?, ?, ?, ?, 1)""",
                bookingId, state, trip.getId(), "{\"bookingId\":\"" + bookingId + "\"}", Timestamp.from(now));
        return trip;
    }
}
