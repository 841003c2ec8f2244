-- Trip completion: billing-service captures a booking's hold (POST /credits/holds/{bookingId}/capture).
-- One row per booking: the capture's idempotency record and its ledger entry. The fare is captured
-- up to the hold; the rest of the hold goes back to the balance. (Version 3.5 leaves 3 and 4 free
-- for the booking-cancellation work going on beside it.)
create table credit_capture (
    booking_id  varchar(100)  primary key references credit_hold (booking_id),
    hold_id     uuid          not null,
    user_id     uuid          not null references credit_account (user_id),
    requested   numeric(14,2) not null constraint credit_capture_requested_not_negative check (requested >= 0),
    captured    numeric(14,2) not null constraint credit_capture_captured_not_negative check (captured >= 0),
    released    numeric(14,2) not null constraint credit_capture_released_not_negative check (released >= 0),
    captured_at timestamptz   not null,
    constraint credit_capture_within_request check (captured <= requested)
);
create index ix_credit_capture_user on credit_capture (user_id, captured_at);
