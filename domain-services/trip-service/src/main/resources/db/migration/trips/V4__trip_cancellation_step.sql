-- trip-service's part in each booking cancellation saga (BookingCancellationSaga in contracts): the
-- pivot step cancel-trip-for-booking, its compensation reinstate-trip and its completion. One row per
-- booking, naming the cancellation LRA it belongs to: a later attempt (after a refusal or a timeout)
-- takes the row over; a compensation that arrives before its step leaves a tombstone of its LRA.
create table trip_cancellation_step (
    booking_id  uuid          primary key,
    lra_id      varchar(500)  not null,
    state       varchar(30)   not null
        constraint trip_cancellation_step_state_known
        check (state in ('ACCEPTED', 'REFUSED', 'COMPLETED', 'REINSTATED', 'DROPPED_BEFORE_STEP')),
    trip_id     uuid,
    fee         numeric(14,2) check (fee >= 0),
    currency    varchar(3),
    detail      varchar(500),
    updated_at  timestamptz   not null,
    -- Incremented by every change; also the version of the event that change emits.
    version     bigint        not null
);
