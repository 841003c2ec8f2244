-- Settlement of an invoice (see payments/Settlements): the booking whose credit hold pays first,
-- what that capture took (null: not captured yet), and at most one successful payment per method.
alter table invoice add column booking_id varchar(100);
alter table invoice add column credits_captured numeric(14,2)
    constraint invoice_credits_captured_not_negative check (credits_captured >= 0);
alter table invoice add column pending_reason varchar(300);
create index ix_invoice_unsettled on invoice (status, issued_at) where status <> 'PAID';

create unique index uq_payment_succeeded_per_method on payment (invoice_id, method) where status = 'SUCCEEDED';
