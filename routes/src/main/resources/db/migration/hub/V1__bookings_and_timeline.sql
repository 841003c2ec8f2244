-- The hub's bookings: one row per POST /bookings that passed validation and started an LRA.
create table booking (
    id               uuid          primary key,
    user_id          uuid          not null,
    vehicle_id       uuid          not null,
    pickup_lat       double precision not null,
    pickup_lng       double precision not null,
    dropoff_lat      double precision not null,
    dropoff_lng      double precision not null,
    fare             numeric(14,2) not null,
    status           varchar(20)   not null check (status in ('PENDING', 'CONFIRMED', 'REJECTED', 'CANCELLED')),
    reason           varchar(50),
    lra_id           varchar(500)  not null,
    trip_id          uuid,
    -- What the hub asked the coordinator once the terminal event arrived (COMPLETE or COMPENSATE);
    -- retried until the coordinator's callback makes the booking terminal.
    close_requested  varchar(20)   check (close_requested in ('COMPLETE', 'COMPENSATE')),
    idempotency_key  varchar(200)  unique,
    request_hash     varchar(64),
    created_at       timestamptz   not null,
    updated_at       timestamptz   not null,
    version          bigint        not null default 0
);

-- GET /bookings?userId=&status= (newest first), and the per-user credit check.
create index booking_user_status_created on booking (user_id, status, created_at desc);
-- Consistency check and the close retry scan: the in-flight bookings by age.
create index booking_status_created on booking (status, created_at);
create index booking_vehicle_status on booking (vehicle_id, status);

-- Every event and callback of a booking's saga, in the order it happened.
create table booking_timeline (
    id          bigserial    primary key,
    booking_id  uuid         not null references booking (id),
    at          timestamptz  not null,
    service     varchar(50)  not null,
    step        varchar(50)  not null,
    outcome     varchar(50)  not null,
    detail      varchar(500),
    -- The saga event that produced the entry: a redelivered event adds nothing.
    event_id    uuid         unique
);

create index booking_timeline_booking on booking_timeline (booking_id, at, id);
