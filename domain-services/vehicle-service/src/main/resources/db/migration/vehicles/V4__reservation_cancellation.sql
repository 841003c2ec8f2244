-- vehicle-service's part in each booking cancellation saga (BookingCancellationSaga in contracts): the
-- step schedule-vehicle-release records it; the completion release-cancelled-reservation releases the
-- booking's reservation (vehicle AVAILABLE again); the compensation drop-vehicle-release only records
-- that the cancellation was dropped. One row per booking, naming the cancellation LRA it belongs to.
create table reservation_cancellation (
    booking_id  varchar(100)  primary key,
    lra_id      varchar(500)  not null,
    state       varchar(30)   not null
        constraint reservation_cancellation_state_known
        check (state in ('SCHEDULED', 'RELEASED', 'DROPPED', 'DROPPED_BEFORE_STEP')),
    updated_at  timestamptz   not null
);
