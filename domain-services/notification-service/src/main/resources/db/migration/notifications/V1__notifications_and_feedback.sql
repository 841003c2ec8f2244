-- notification-service schema.

-- Every notification the platform has produced for a user, with the event that caused it.
create table notification (
    id              uuid         primary key,
    user_id         uuid         not null,
    kind            varchar(40)  not null constraint notification_kind_known
                                 check (kind in ('WELCOME', 'BOOKING_CONFIRMATION', 'BOOKING_CANCELLATION', 'TRIP_RECEIPT')),
    channel         varchar(20)  not null constraint notification_channel_known check (channel in ('EMAIL', 'PUSH')),
    recipient       varchar(320) not null,
    subject         varchar(200) not null,
    body            text         not null,
    -- RECORDED until a delivery channel exists; SENT / FAILED then.
    status          varchar(20)  not null constraint notification_status_known check (status in ('RECORDED', 'SENT', 'FAILED')),
    source_event_id uuid         not null,
    created_at      timestamptz  not null,
    -- One event never yields the same kind of notification twice, even if the processed-event
    -- check were bypassed.
    constraint uq_notification_source_event unique (source_event_id, kind)
);
create index ix_notification_user on notification (user_id, created_at desc);

-- Ratings users give after a trip. The feedback API comes later.
create table feedback (
    id         uuid          primary key,
    user_id    uuid          not null,
    trip_id    uuid,
    rating     smallint      not null constraint feedback_rating_range check (rating between 1 and 5),
    comment    varchar(2000),
    created_at timestamptz   not null
);
create index ix_feedback_user on feedback (user_id, created_at desc);
