-- notification-service's part in each booking cancellation saga (BookingCancellationSaga in contracts):
-- the step schedule-cancellation-notice records it; the completion send-cancellation-notice writes the
-- rider's BOOKING_CANCELLATION (keyed by the step's source event, so at most one per attempt); the
-- compensation drop-cancellation-notice only records that the cancellation was dropped.
create table cancellation_notice (
    booking_id       uuid          primary key,
    lra_id           varchar(500)  not null,
    state            varchar(30)   not null
        constraint cancellation_notice_state_known
        check (state in ('SCHEDULED', 'SENT', 'DROPPED', 'DROPPED_BEFORE_STEP')),
    user_id          uuid,
    fee              numeric(14,2) check (fee >= 0),
    currency         varchar(3),
    source_event_id  uuid,
    notification_id  uuid,
    updated_at       timestamptz   not null
);
