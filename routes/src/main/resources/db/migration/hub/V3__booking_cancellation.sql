-- Booking cancellation (POST /bookings/{id}/cancel; BookingCancellationSaga in contracts).
-- (Version 3 leaves 2 free for other work on the hub going on beside it.)

-- When the booking saga confirmed the booking: the cancellation fee is free for a while after it.
alter table booking add column confirmed_at timestamptz;
update booking set confirmed_at = updated_at where status in ('CONFIRMED', 'CANCELLED');

-- The booking's latest cancellation attempt, with its own LRA. A new attempt (after a refusal or a
-- timeout) takes the row over; the timeline keeps every attempt.
create table booking_cancellation (
    booking_id    uuid          primary key references booking (id),
    lra_id        varchar(500)  not null,
    -- REQUESTED: LRA running; CLOSING: last step done, close requested; REFUSED: trip refused, cancel
    -- requested; CANCELLED: booking CANCELLED (final); DROPPED: the LRA was cancelled, booking CONFIRMED.
    state         varchar(20)   not null
        check (state in ('REQUESTED', 'CLOSING', 'REFUSED', 'CANCELLED', 'DROPPED')),
    fee           numeric(14,2) not null check (fee >= 0),
    currency      varchar(3)    not null,
    detail        varchar(500),
    requested_at  timestamptz   not null,
    updated_at    timestamptz   not null,
    version       bigint        not null default 0
);
-- The close retry scan: attempts whose close/cancel got no callback yet, by age.
create index booking_cancellation_state_updated on booking_cancellation (state, updated_at);
