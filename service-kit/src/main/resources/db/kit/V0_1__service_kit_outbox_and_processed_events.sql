-- Shared by every service that owns a database (service-kit). Service migrations start at V1.

-- Events waiting to be relayed to Kafka. Written in the same transaction as the state change
-- they describe; deleted by the relay once Kafka has acknowledged them.
create table outbox_event (
    seq            bigserial    primary key,
    event_id       uuid         not null unique,
    topic          varchar(200) not null,
    aggregate_id   varchar(200) not null,
    event_type     varchar(100) not null,
    payload        text         not null,
    lra_id         varchar(500),
    correlation_id varchar(200),
    created_at     timestamptz  not null default now()
);

-- Events a consumer has already applied. The insert shares the transaction of the state
-- change, so an event is applied exactly once even when Kafka delivers it again.
create table processed_event (
    consumer     varchar(100) not null,
    event_id     uuid         not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
