-- The booking saga's reserve-credits step (see BookingSaga in contracts) records every outcome
-- on the booking's one credit_hold row, so the unique booking id arbitrates between the step,
-- its compensation and its completion, whatever order they arrive in.

-- REJECTED: the step was refused (insufficient credits, unknown user); amount 0, nothing held.
alter table credit_hold drop constraint credit_hold_status_known;
alter table credit_hold add constraint credit_hold_status_known
    check (status in ('HELD', 'RELEASED', 'CAPTURED', 'REJECTED'));

-- A rejection for an unknown user, and a release that arrived before its reservation (a
-- tombstone), belong to no account.
alter table credit_hold alter column user_id drop not null;

alter table credit_hold add column rejection_reason varchar(40);
-- Set by the saga's completion (confirm-credit-hold): the hold stands until the trip captures it.
alter table credit_hold add column confirmed_at timestamptz;
-- The booking as the saga described it, so undo events can carry it (null on a tombstone).
alter table credit_hold add column booking_snapshot text;

alter table credit_hold add constraint credit_hold_rejection_has_reason
    check ((status = 'REJECTED') = (rejection_reason is not null));
