-- user-service schema. Money is NUMERIC(14,2): exact, never floating point.

create table users (
    id         uuid         primary key,
    name       varchar(200) not null,
    email      varchar(320) not null,
    created_at timestamptz  not null
);
-- One account per address, whatever its letter case.
create unique index uq_users_email on users (lower(email));

-- Minimal for now: the preferences API comes later; defaults apply until a user sets them.
create table user_preferences (
    user_id         uuid        primary key references users (id),
    language        varchar(35) not null default 'en',
    notify_by_email boolean     not null default true,
    notify_by_push  boolean     not null default true,
    updated_at      timestamptz not null default now()
);

-- balance: spendable credits; held: reserved by bookings in flight. The invariants live here
-- too, so no code path (nor a hand-written UPDATE) can overdraw an account.
create table credit_account (
    user_id    uuid          primary key references users (id),
    balance    numeric(14,2) not null constraint credit_account_balance_not_negative check (balance >= 0),
    held       numeric(14,2) not null constraint credit_account_held_not_negative check (held >= 0),
    version    bigint        not null,
    updated_at timestamptz   not null
);

-- One hold per booking (the saga's idempotency key). amount may be 0: a release that arrives
-- before its reservation is recorded as a RELEASED hold of nothing, so the late reservation is refused.
create table credit_hold (
    id         uuid          primary key,
    user_id    uuid          not null references credit_account (user_id),
    booking_id varchar(100)  not null constraint uq_credit_hold_booking unique,
    amount     numeric(14,2) not null constraint credit_hold_amount_not_negative check (amount >= 0),
    status     varchar(20)   not null constraint credit_hold_status_known check (status in ('HELD', 'RELEASED', 'CAPTURED')),
    lra_id     varchar(500),
    created_at timestamptz   not null,
    updated_at timestamptz   not null
);
create index ix_credit_hold_user on credit_hold (user_id, created_at);
