package com.mobilityhub.vehicles.trips;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.trips.TripEvents.TripCompleted;
import com.mobilityhub.contracts.trips.TripEvents.TripStarted;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.vehicles.fleet.Vehicle;
import com.mobilityhub.vehicles.fleet.VehicleEvents;
import com.mobilityhub.vehicles.fleet.VehicleRepository;
import com.mobilityhub.vehicles.reservations.VehicleReservationRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;

/**
 * The vehicle's side of a trip: TripStarted puts the reserved vehicle IN_USE (the booking's reservation
 * is consumed), TripCompleted adds the distance to the mileage and frees the vehicle. Each event is
 * applied once (its id claimed in processed_event) and each trip counts once ({@code vehicle_trip},
 * keyed by trip id), in the transaction that changes the vehicle and records its status event.
 */
@Service
public class VehicleTrips {

    static final String START_TRIP = "vehicle-trip-started";
    static final String COMPLETE_TRIP = "vehicle-trip-completed";

    private static final Logger LOG = LoggerFactory.getLogger(VehicleTrips.class);

    @PersistenceContext
    private EntityManager entityManager;

    private final VehicleRepository vehicles;
    private final VehicleReservationRepository reservations;
    private final ProcessedEvents processedEvents;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Clock clock;

    public VehicleTrips(VehicleRepository vehicles, VehicleReservationRepository reservations,
                        ProcessedEvents processedEvents, JdbcTemplate jdbc, Outbox outbox, Clock clock) {
        this.vehicles = vehicles;
        this.reservations = reservations;
        this.processedEvents = processedEvents;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** TripStarted: the booking's reservation is consumed and its RESERVED vehicle becomes IN_USE. */
    @Transactional
    public void tripStarted(EventEnvelope event) {
        if (!processedEvents.claim(START_TRIP, event.eventId())) {
            return;
        }
        TripStarted trip = read(event, TripStarted.class);
        if (trip.tripId() == null || trip.vehicleId() == null || trip.bookingId() == null) {
            throw new InvalidEventException("TripStarted needs tripId, vehicleId and bookingId");
        }
        lockBooking(trip.bookingId());
        Instant now = clock.instant();
        Vehicle vehicle = vehicles.findForUpdate(trip.vehicleId())
                .orElseThrow(() -> new InvalidEventException("TripStarted for unknown vehicle " + trip.vehicleId()));
        int recorded = jdbc.update("""
                        insert into vehicle_trip (trip_id, vehicle_id, booking_id, started_at)
                        values (?, ?, ?, ?) on conflict (trip_id) do nothing""",
                trip.tripId(), trip.vehicleId(), trip.bookingId(), Timestamp.from(trip.startedAt()));
        if (recorded == 0) {
            LOG.info("Trip {} had already started on vehicle {}: TripStarted {} changes nothing",
                    trip.tripId(), trip.vehicleId(), event.eventId());
            return;
        }
        reservations.findByBookingId(trip.bookingId()).ifPresent(reservation -> reservation.consume(now));
        if (vehicle.getStatus() == VehicleStatus.RESERVED) {
            vehicle.startTrip(now);
            vehicles.flush();
            outbox.record(Topics.VEHICLES, VehicleEvents.statusChanged(vehicle, VehicleStatus.RESERVED));
        } else {
            // Only the booking saga reserves; a vehicle not RESERVED here was changed by hand meanwhile.
            LOG.warn("Trip {} started on vehicle {} which is {}, not RESERVED: status left as it is",
                    trip.tripId(), vehicle.getId(), vehicle.getStatus());
        }
    }

    /** TripCompleted: the distance is added to the mileage once per trip, and the vehicle is AVAILABLE again. */
    @Transactional
    public void tripCompleted(EventEnvelope event) {
        if (!processedEvents.claim(COMPLETE_TRIP, event.eventId())) {
            return;
        }
        TripCompleted trip = read(event, TripCompleted.class);
        if (trip.tripId() == null || trip.vehicleId() == null || trip.bookingId() == null
                || trip.distanceKm() == null || trip.distanceKm().signum() < 0 || trip.completedAt() == null) {
            throw new InvalidEventException("TripCompleted needs tripId, vehicleId, bookingId, completedAt"
                    + " and a non-negative distanceKm");
        }
        lockBooking(trip.bookingId());
        Instant now = clock.instant();
        Vehicle vehicle = vehicles.findForUpdate(trip.vehicleId())
                .orElseThrow(() -> new InvalidEventException("TripCompleted for unknown vehicle " + trip.vehicleId()));
        // The trip row is made here if its TripStarted never came; the distance is set only once.
        jdbc.update("""
                        insert into vehicle_trip (trip_id, vehicle_id, booking_id, started_at)
                        values (?, ?, ?, ?) on conflict (trip_id) do nothing""",
                trip.tripId(), trip.vehicleId(), trip.bookingId(),
                trip.startedAt() == null ? null : Timestamp.from(trip.startedAt()));
        int completed = jdbc.update("""
                        update vehicle_trip set completed_at = ?, distance_km = ?
                        where trip_id = ? and completed_at is null""",
                Timestamp.from(trip.completedAt()), trip.distanceKm(), trip.tripId());
        if (completed == 0) {
            LOG.info("Trip {} was already completed on vehicle {}: TripCompleted {} adds no mileage",
                    trip.tripId(), trip.vehicleId(), event.eventId());
            return;
        }
        boolean heldUntilNow = reservations.findByBookingId(trip.bookingId())
                .map(reservation -> reservation.consume(now)).orElse(false);
        VehicleStatus before = vehicle.getStatus();
        if (heldUntilNow && before == VehicleStatus.RESERVED) {
            // TripStarted never arrived here (dead-lettered): the trip still had this booking's vehicle.
            vehicle.startTrip(now);
        }
        vehicle.finishTrip(trip.distanceKm(), now);
        vehicles.flush();
        if (!Objects.equals(before, vehicle.getStatus())) {
            outbox.record(Topics.VEHICLES, VehicleEvents.statusChanged(vehicle, before));
        }
    }

    /** Same lock as the booking saga's steps (VehicleReservations): a booking's changes take turns. */
    private void lockBooking(String bookingId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "vehicle_reservation:" + bookingId)
                .getSingleResult();
    }

    private static <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return EventJson.mapper().treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }
}
