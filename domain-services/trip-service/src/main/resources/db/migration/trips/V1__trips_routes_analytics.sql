-- trip-service schema. Statuses are stored as their enum names; checks keep anything else out.

-- One trip per booking: the booking saga creates it (CREATED), the rider starts and completes it.
create table trip (
    id           uuid             primary key,
    booking_id   varchar(100)     not null,
    user_id      uuid             not null,
    vehicle_id   uuid             not null,
    status       varchar(20)      not null
        check (status in ('CREATED', 'IN_PROGRESS', 'COMPLETED', 'CANCELLED')),
    pickup_lat   double precision not null check (pickup_lat between -90 and 90),
    pickup_lng   double precision not null check (pickup_lng between -180 and 180),
    dropoff_lat  double precision not null check (dropoff_lat between -90 and 90),
    dropoff_lng  double precision not null check (dropoff_lng between -180 and 180),
    -- The fare agreed at booking; exact decimal, never a float. Null until known.
    fare         numeric(14, 2)   check (fare >= 0),
    created_at   timestamptz      not null,
    updated_at   timestamptz      not null,
    version      bigint           not null,
    -- A booking event delivered twice must not create a second trip.
    constraint trip_booking_key unique (booking_id)
);

-- A rider's trips, optionally of one status, newest first: GET /trips?userId=&status=.
create index trip_user_status_created_idx on trip (user_id, status, created_at desc);

-- Routes and locations: the positions recorded while a trip runs, in order.
create table trip_route_point (
    trip_id     uuid             not null references trip (id) on delete cascade,
    seq         integer          not null check (seq >= 0),
    lat         double precision not null check (lat between -90 and 90),
    lng         double precision not null check (lng between -180 and 180),
    recorded_at timestamptz      not null,
    primary key (trip_id, seq)
);

-- Trip analytics: one row per completed trip, for per-vehicle and per-user figures.
-- Written when TripCompleted is handled (a later issue).
create table trip_analytics (
    trip_id          uuid           primary key references trip (id),
    user_id          uuid           not null,
    vehicle_id       uuid           not null,
    distance_km      numeric(10, 3) not null check (distance_km >= 0),
    duration_minutes numeric(10, 2) not null check (duration_minutes >= 0),
    energy_kwh       numeric(10, 3) not null check (energy_kwh >= 0),
    completed_at     timestamptz    not null
);

create index trip_analytics_vehicle_idx on trip_analytics (vehicle_id, completed_at desc);
create index trip_analytics_user_idx on trip_analytics (user_id, completed_at desc);
