package com.mobilityhub.trips.trip;

import com.mobilityhub.trips.WholeTripService;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL answers a rider's listing from {@code trip_user_status_created_idx}, not by scanning
 * every trip. The plans are those of the repository's own SQL ({@link TripRepository}), on a
 * table big enough (and analyzed) for the planner to choose freely.
 */
@WholeTripService
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TripListingPlanIT {

    private static final String INDEX = "trip_user_status_created_idx";
    private static final int RIDERS = 2_000;
    private static final int TRIPS = 40_000;

    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    NamedParameterJdbcTemplate namedJdbc;

    @BeforeAll
    void manyRidersWithAFewTripsEach() {
        // Riders' ids are derived from a number, so a rider of the seed is known without reading it back.
        // Started and completed trips carry what the schema requires of them (start time, measurements).
        jdbc.update("""
                insert into trip (id, booking_id, user_id, vehicle_id, status, pickup_lat, pickup_lng,
                                  dropoff_lat, dropoff_lng, fare, created_at, updated_at, version,
                                  started_at, completed_at, distance_km, duration_minutes, energy_kwh)
                select gen_random_uuid(), 'plan-seed-' || gen_random_uuid(), md5('plan-rider-' || (g % ?))::uuid,
                       gen_random_uuid(), status,
                       52.5, 13.4, 52.6, 13.5, 10.00,
                       now() - g * interval '1 minute', now() - g * interval '1 minute', 0,
                       case when status in ('IN_PROGRESS', 'COMPLETED') then now() - g * interval '1 minute' end,
                       case when status = 'COMPLETED' then now() end,
                       case when status = 'COMPLETED' then 5.000 end,
                       case when status = 'COMPLETED' then 12.00 end,
                       case when status = 'COMPLETED' then 1.000 end
                from generate_series(1, ?) g,
                     lateral (select (array['CREATED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED'])[1 + (g / ?) % 4] as status) s
                """, RIDERS, TRIPS, RIDERS);
        jdbc.execute("analyze trip");
    }

    @Test
    void listsARidersTripsOfOneStatusFromTheIndex() {
        String plan = explain(TripRepository.BY_USER_AND_STATUS, new MapSqlParameterSource()
                .addValue("userId", seededRider(7))
                .addValue("status", "COMPLETED"));

        assertThat(plan).contains(INDEX).doesNotContain("Seq Scan");
    }

    @Test
    void listsAllOfARidersTripsFromTheIndex() {
        String plan = explain(TripRepository.BY_USER, new MapSqlParameterSource().addValue("userId", seededRider(11)));

        assertThat(plan).contains(INDEX).doesNotContain("Seq Scan");
    }

    /** The plan of {@code sql} as the API runs it: one page (the first 20 rows). */
    private String explain(String sql, MapSqlParameterSource parameters) {
        return String.join("\n", namedJdbc.queryForList(
                "explain " + sql + " offset 0 rows fetch first 20 rows only", parameters, String.class));
    }

    private UUID seededRider(int n) {
        return jdbc.queryForObject("select md5('plan-rider-' || ?)::uuid", UUID.class, n);
    }
}
