-- user-service's part in each booking cancellation saga (BookingCancellationSaga in contracts): the
-- step schedule-cancellation-fee records the fee; the completion charge-cancellation-fee captures it
-- from the booking's hold and releases the rest (a credit_capture row); the compensation drops it.
-- One row per booking, naming the cancellation LRA it belongs to (a later attempt takes it over).
create table cancelled_booking_hold (
    booking_id  varchar(100)  primary key,
    lra_id      varchar(500)  not null,
    state       varchar(30)   not null
        constraint cancelled_booking_hold_state_known
        check (state in ('SCHEDULED', 'CHARGED', 'DROPPED', 'DROPPED_BEFORE_STEP')),
    fee         numeric(14,2) not null constraint cancelled_booking_hold_fee_not_negative check (fee >= 0),
    currency    varchar(3),
    updated_at  timestamptz   not null
);
