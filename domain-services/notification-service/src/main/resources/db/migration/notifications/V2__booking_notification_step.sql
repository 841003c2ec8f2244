-- notification-service's part in each booking saga (step send-confirmation, compensation
-- send-cancellation). One row per booking, written by whichever arrives first: the step (TripCreated)
-- or a compensation that overtook it; the latter row is the tombstone that refuses the late step.
create table booking_notification_step (
    booking_id      uuid         primary key,
    state           varchar(30)  not null constraint booking_notification_step_state_known
        check (state in ('CONFIRMATION_SENT', 'COMPLETED', 'FAILED', 'CANCELLATION_SENT', 'CANCELLED_BEFORE_STEP')),
    user_id         uuid,
    trip_id         uuid,
    -- The notifications this step produced (rows of notification).
    confirmation_id uuid,
    cancellation_id uuid,
    -- The booking as the saga event carried it (BookingSnapshot JSON); only the id for a tombstone.
    booking         text         not null,
    lra_id          varchar(500),
    detail          varchar(500),
    -- Set once the compensation has run: a repeated compensation sends nothing.
    compensated_at  timestamptz,
    updated_at      timestamptz  not null,
    version         bigint       not null
);
