-- Trip lifecycle: when the rider started and completed the trip, and what the vehicle measured.
-- Exact decimals, at the precision trip_analytics keeps.
alter table trip add column started_at       timestamptz;
alter table trip add column completed_at     timestamptz;
alter table trip add column distance_km      numeric(10, 3) check (distance_km >= 0);
alter table trip add column duration_minutes numeric(10, 2) check (duration_minutes >= 0);
alter table trip add column energy_kwh       numeric(10, 3) check (energy_kwh >= 0);
alter table trip add constraint trip_started_has_start
    check (status not in ('IN_PROGRESS', 'COMPLETED') or started_at is not null);
alter table trip add constraint trip_completed_has_measurements
    check (status <> 'COMPLETED'
        or (completed_at is not null and distance_km is not null and duration_minutes is not null and energy_kwh is not null));

-- Analytics are fed by TripCompleted as an event consumer (not by the trip row): the table keeps no
-- foreign key to trip, so analytics could be rebuilt by replaying the topic.
alter table trip_analytics drop constraint trip_analytics_trip_id_fkey;

-- Revenue: one row per invoice billing-service issued for a trip (InvoiceIssued), with the trip's
-- vehicle and rider so the per-vehicle and per-user sums need no join.
create table trip_revenue (
    invoice_id  uuid           primary key,
    trip_id     uuid           not null,
    user_id     uuid           not null,
    vehicle_id  uuid           not null,
    amount      numeric(14, 2) not null check (amount >= 0),
    issued_at   timestamptz    not null
);

create index trip_revenue_vehicle_idx on trip_revenue (vehicle_id);
create index trip_revenue_user_idx on trip_revenue (user_id);
