-- vehicle-service schema. Statuses are stored as their enum names; the checks keep a bad
-- value written by hand (or by a future bug) out of the table.

create table vehicle (
    id               uuid          primary key,
    vin              varchar(17)   not null,
    model            varchar(100)  not null,
    status           varchar(20)   not null
        check (status in ('AVAILABLE', 'RESERVED', 'IN_USE', 'MAINTENANCE', 'OFFLINE')),
    firmware_version varchar(60),
    mileage_km       numeric(12, 3) not null default 0 check (mileage_km >= 0),
    registered_at    timestamptz   not null,
    updated_at       timestamptz   not null,
    version          bigint        not null,
    constraint vehicle_vin_key unique (vin)
);

-- GET /vehicles?status= pages through one status in registration order; /fleet/status groups by it.
create index vehicle_status_registered_idx on vehicle (status, registered_at, id);

-- Telemetry: the last known position of each vehicle (one row per vehicle, part of the vehicle
-- aggregate). Kept out of the vehicle row so position reports, the most frequent write, touch a
-- narrow row.
create table vehicle_telemetry (
    vehicle_id  uuid             primary key references vehicle (id) on delete cascade,
    lat         double precision not null check (lat between -90 and 90),
    lng         double precision not null check (lng between -180 and 180),
    recorded_at timestamptz      not null
);

-- Diagnostics: every health report a vehicle sent, newest read first.
create table vehicle_diagnostics (
    id              uuid           primary key,
    vehicle_id      uuid           not null references vehicle (id) on delete cascade,
    battery_percent numeric(5, 2)  not null check (battery_percent between 0 and 100),
    odometer_km     numeric(11, 3) not null check (odometer_km >= 0),
    fault_codes     varchar(20)[]  not null default '{}',
    reported_at     timestamptz    not null
);

create index vehicle_diagnostics_vehicle_reported_idx on vehicle_diagnostics (vehicle_id, reported_at desc);

-- Reservations made by the booking saga. One row per booking: the unique booking id makes a
-- repeated reserve idempotent, and lets a compensation that arrives first leave a RELEASED row
-- that refuses the late reserve.
create table vehicle_reservation (
    id          uuid         primary key,
    booking_id  varchar(100) not null,
    vehicle_id  uuid         not null references vehicle (id),
    status      varchar(20)  not null check (status in ('RESERVED', 'RELEASED', 'CONSUMED')),
    lra_id      varchar(500),
    created_at  timestamptz  not null,
    updated_at  timestamptz  not null,
    version     bigint       not null,
    constraint vehicle_reservation_booking_key unique (booking_id)
);

-- The database itself guarantees at most one active (RESERVED) reservation per vehicle, whatever
-- races the saga's consumers run into.
create unique index vehicle_reservation_one_active_per_vehicle
    on vehicle_reservation (vehicle_id) where status = 'RESERVED';
