-- billing-service schema. Money is NUMERIC(14,2) with an ISO 4217 currency, never floating point.

-- One invoice per completed trip.
create table invoice (
    id         uuid          primary key,
    trip_id    uuid          not null constraint uq_invoice_trip unique,
    user_id    uuid          not null,
    amount     numeric(14,2) not null constraint invoice_amount_not_negative check (amount >= 0),
    currency   varchar(3)    not null constraint invoice_currency_iso check (currency ~ '^[A-Z]{3}$'),
    status     varchar(20)   not null constraint invoice_status_known check (status in ('ISSUED', 'PAID', 'PAYMENT_PENDING')),
    issued_at  timestamptz   not null,
    paid_at    timestamptz,
    version    bigint        not null default 0,
    constraint invoice_paid_when_paid_at check ((status = 'PAID') = (paid_at is not null))
);
create index ix_invoice_user on invoice (user_id, issued_at desc);

-- Attempts to settle an invoice: from held credits (user-service) or through the payment gateway.
create table payment (
    id                uuid          primary key,
    invoice_id        uuid          not null references invoice (id),
    amount            numeric(14,2) not null constraint payment_amount_positive check (amount > 0),
    currency          varchar(3)    not null constraint payment_currency_iso check (currency ~ '^[A-Z]{3}$'),
    method            varchar(20)   not null constraint payment_method_known check (method in ('CREDITS', 'GATEWAY')),
    status            varchar(20)   not null constraint payment_status_known check (status in ('PENDING', 'SUCCEEDED', 'FAILED')),
    gateway_reference varchar(200),
    created_at        timestamptz   not null,
    updated_at        timestamptz   not null
);
create index ix_payment_invoice on payment (invoice_id);
