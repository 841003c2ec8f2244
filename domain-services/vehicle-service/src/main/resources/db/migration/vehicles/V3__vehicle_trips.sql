-- The trips a vehicle made (TripStarted / TripCompleted from trip-service). One row per trip: the
-- unique trip id makes the mileage of a trip count once, whatever event ids its events are replayed under.
create table vehicle_trip (
    trip_id       uuid           primary key,
    vehicle_id    uuid           not null references vehicle (id),
    booking_id    varchar(100)   not null,
    started_at    timestamptz,
    completed_at  timestamptz,
    -- Null until the trip completed; then added to vehicle.mileage_km in the same transaction.
    distance_km   numeric(10, 3) check (distance_km >= 0)
);

create index vehicle_trip_vehicle_idx on vehicle_trip (vehicle_id, completed_at desc);
