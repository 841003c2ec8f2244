-- The booking saga's reserve-vehicle step (see BookingSaga in contracts) records every outcome on
-- the booking's one vehicle_reservation row, so the unique booking id arbitrates between the step,
-- its compensation and its completion, whatever order they arrive in.

-- REJECTED: the step was refused (vehicle unavailable or unknown); the vehicle was not touched.
alter table vehicle_reservation drop constraint vehicle_reservation_status_check;
alter table vehicle_reservation add constraint vehicle_reservation_status_check
    check (status in ('RESERVED', 'RELEASED', 'CONSUMED', 'REJECTED'));

-- A rejection for an unknown vehicle, and a release that arrived before its reservation (a
-- tombstone), name no registered vehicle.
alter table vehicle_reservation alter column vehicle_id drop not null;

alter table vehicle_reservation add column rejection_reason varchar(40);
-- Set by the saga's completion (confirm-vehicle-reservation): the reservation stands until the trip starts.
alter table vehicle_reservation add column confirmed_at timestamptz;
-- The booking as the saga described it, so undo events can carry it (null on a tombstone).
alter table vehicle_reservation add column booking_snapshot text;

alter table vehicle_reservation add constraint vehicle_reservation_rejection_has_reason
    check ((status = 'REJECTED') = (rejection_reason is not null));
alter table vehicle_reservation add constraint vehicle_reservation_active_has_vehicle
    check (status not in ('RESERVED', 'CONSUMED') or vehicle_id is not null);
