-- trip-service's part in each booking saga (step create-trip, compensation cancel-trip,
-- completion confirm-trip). One row per booking, written by whichever arrives first: the step
-- (VehicleReserved) or a compensation that overtook it. The latter row is the tombstone that makes
-- the late step refuse to create a trip.
create table trip_booking_step (
    booking_id   uuid         primary key,
    state        varchar(30)  not null
        constraint trip_booking_step_state_known
        check (state in ('TRIP_CREATED', 'CONFIRMED', 'REJECTED', 'CANCELLED', 'CANCELLED_BEFORE_STEP')),
    -- The trip made for the booking; null when none was (rejected, or compensated first).
    trip_id      uuid         references trip (id),
    -- The booking as the saga event carried it (BookingSnapshot JSON); only the id for a tombstone.
    booking      text         not null,
    lra_id       varchar(500),
    detail       varchar(500),
    -- Set once the compensation has emitted its TripCancelled: a repeated compensation emits nothing.
    compensated_at timestamptz,
    updated_at   timestamptz  not null,
    version      bigint       not null
);
