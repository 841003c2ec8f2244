package com.mobilityhub.vehicles.reservations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.booking.BookingSagaEvents.CreditsReserved;
import com.mobilityhub.contracts.booking.BookingSagaEvents.VehicleReleased;
import com.mobilityhub.contracts.booking.BookingSagaEvents.VehicleReserved;
import com.mobilityhub.contracts.booking.BookingSagaEvents.VehicleUnavailable;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.RejectionReason;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.vehicles.fleet.Vehicle;
import com.mobilityhub.vehicles.fleet.VehicleEvents;
import com.mobilityhub.vehicles.fleet.VehicleRepository;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The booking saga's vehicle steps: reserve-vehicle, release-vehicle (its compensation) and
 * confirm-vehicle-reservation (its completion). Each runs in one transaction that also records the
 * events it emits (outbox, with the booking's LRA id). Steps of one booking take turns on a
 * transaction-scoped advisory lock, then lock the vehicle row (always in that order): bookings of one
 * vehicle queue on the row, the first finds it AVAILABLE and the others RESERVED. The partial unique
 * index (one RESERVED reservation per vehicle) stays as the last guard.
 */
@Service
public class VehicleReservations {

    /** ProcessedEvents consumer name of the reserve step. */
    public static final String RESERVE_VEHICLE = "reserve-vehicle";

    private static final Logger LOG = LoggerFactory.getLogger(VehicleReservations.class);
    /** Envelope versions of a booking's vehicle events: the step's event, then its undo. */
    private static final long STEP_VERSION = 1;
    private static final long UNDO_VERSION = 2;

    @PersistenceContext
    private EntityManager entityManager;

    private final VehicleReservationRepository reservations;
    private final VehicleRepository vehicles;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    public VehicleReservations(VehicleReservationRepository reservations, VehicleRepository vehicles,
                               ProcessedEvents processedEvents, Outbox outbox, Clock clock) {
        this.reservations = reservations;
        this.vehicles = vehicles;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** reserve-vehicle: reserves the booking's vehicle, or reports it unavailable; a repeated event changes nothing. */
    @Transactional
    public void reserve(EventEnvelope event, String lraId, String correlationId) {
        if (!processedEvents.claim(RESERVE_VEHICLE, event.eventId())) {
            return;
        }
        BookingSnapshot booking = bookingOf(event);
        String bookingId = booking.bookingId().toString();
        lockBooking(bookingId);
        Instant now = clock.instant();

        VehicleReservation earlier = reservations.findByBookingId(bookingId).orElse(null);
        if (earlier != null) {
            // A compensation came first (RELEASED tombstone) or the booking was handled under another
            // event id: the late step is refused and emits nothing to the next step.
            LOG.info("reserve-vehicle refused for booking {}: its reservation is already {}", bookingId, earlier.getStatus());
            return;
        }
        String snapshot = json(booking);
        Vehicle vehicle = vehicles.findForUpdate(booking.vehicleId()).orElse(null);
        if (vehicle == null || vehicle.getStatus() != VehicleStatus.AVAILABLE) {
            RejectionReason reason = vehicle == null ? RejectionReason.UNKNOWN_VEHICLE : RejectionReason.VEHICLE_UNAVAILABLE;
            String detail = vehicle == null
                    ? "No vehicle " + booking.vehicleId()
                    : "Vehicle " + booking.vehicleId() + " is " + vehicle.getStatus();
            reservations.save(VehicleReservation.rejected(bookingId, vehicle == null ? null : vehicle.getId(), reason,
                    lraId, snapshot, now));
            emitSaga(EventTypes.VEHICLE_UNAVAILABLE, bookingId, STEP_VERSION,
                    new VehicleUnavailable(booking, reason, detail), lraId, correlationId);
            return;
        }
        vehicle.reserveForBooking(now);
        vehicles.flush();
        VehicleReservation reservation = reservations.saveAndFlush(
                VehicleReservation.reserve(bookingId, vehicle.getId(), lraId, snapshot, now));
        // A fleet event, keyed by the vehicle: it carries no LRA header, so no saga consumer mistakes it for a step.
        outbox.record(Topics.VEHICLES, VehicleEvents.statusChanged(vehicle, VehicleStatus.AVAILABLE));
        emitSaga(EventTypes.VEHICLE_RESERVED, bookingId, STEP_VERSION, new VehicleReserved(booking, reservation.getId()),
                lraId, correlationId);
    }

    /**
     * release-vehicle: ends a RESERVED reservation, gives the vehicle back (AVAILABLE) if this booking
     * still holds it, and emits VehicleReleased. With nothing reserved yet it records a RELEASED
     * tombstone (and emits VehicleReleased with no reservation id) so the late step is refused.
     * Repeats, and the compensation of a refused step, change nothing.
     */
    @Transactional
    public void release(String bookingId, String lraId) {
        lockBooking(bookingId);
        Instant now = clock.instant();
        VehicleReservation reservation = reservations.findByBookingId(bookingId).orElse(null);
        if (reservation == null) {
            reservations.save(VehicleReservation.tombstone(bookingId, lraId, now));
            emitSaga(EventTypes.VEHICLE_RELEASED, bookingId, UNDO_VERSION,
                    new VehicleReleased(unknownBooking(bookingId), null), lraId, null);
            return;
        }
        if (reservation.getStatus() != ReservationStatus.RESERVED) {
            // RELEASED: released already; REJECTED: nothing was reserved; CONSUMED: the trip has the vehicle.
            LOG.debug("release-vehicle for booking {}: nothing to release ({})", bookingId, reservation.getStatus());
            return;
        }
        reservation.release(now);
        reservations.flush();
        Vehicle vehicle = vehicles.findForUpdate(reservation.getVehicleId()).orElseThrow();
        // The reservation was the vehicle's one active reservation (unique index), so a RESERVED vehicle is ours.
        if (vehicle.getStatus() == VehicleStatus.RESERVED) {
            vehicle.releaseFromBooking(now);
            vehicles.flush();
            outbox.record(Topics.VEHICLES, VehicleEvents.statusChanged(vehicle, VehicleStatus.RESERVED));
        }
        emitSaga(EventTypes.VEHICLE_RELEASED, bookingId, UNDO_VERSION,
                new VehicleReleased(snapshotOf(reservation), reservation.getId()), lraId, null);
    }

    /** confirm-vehicle-reservation: the saga completed; the reservation stays RESERVED until the trip starts. */
    @Transactional
    public void confirm(String bookingId) {
        lockBooking(bookingId);
        reservations.findByBookingId(bookingId)
                .filter(reservation -> reservation.getStatus() == ReservationStatus.RESERVED)
                .ifPresent(reservation -> reservation.confirm(clock.instant()));
    }

    /** One booking's saga steps take turns (transaction-scoped, released at commit or rollback). */
    private void lockBooking(String bookingId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "vehicle_reservation:" + bookingId)
                .getSingleResult();
    }

    private void emitSaga(String type, String bookingId, long version, Object data, String lraId, String correlationId) {
        outbox.record(Topics.VEHICLES, EventEnvelope.of(type, bookingId, version, EventJson.mapper().valueToTree(data)),
                lraId, correlationId);
    }

    private static BookingSnapshot bookingOf(EventEnvelope event) {
        CreditsReserved reserved;
        try {
            reserved = EventJson.mapper().treeToValue(event.data(), CreditsReserved.class);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a CreditsReserved: " + e.getOriginalMessage());
        }
        BookingSnapshot booking = reserved.booking();
        if (booking == null || booking.bookingId() == null || booking.vehicleId() == null) {
            throw new InvalidEventException("CreditsReserved needs booking.bookingId and booking.vehicleId");
        }
        if (!booking.bookingId().toString().equals(event.aggregateId())) {
            throw new InvalidEventException("aggregateId " + event.aggregateId() + " is not the booking id");
        }
        return booking;
    }

    private static String json(BookingSnapshot booking) {
        try {
            return EventJson.mapper().writeValueAsString(booking);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static BookingSnapshot snapshotOf(VehicleReservation reservation) {
        if (reservation.getBookingSnapshot() == null) {
            return unknownBooking(reservation.getBookingId());
        }
        try {
            return EventJson.mapper().readValue(reservation.getBookingSnapshot(), BookingSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Unreadable booking snapshot on reservation " + reservation.getId(), e);
        }
    }

    /** A compensation knows only the booking id. */
    private static BookingSnapshot unknownBooking(String bookingId) {
        return new BookingSnapshot(UUID.fromString(bookingId), null, null, null, null, null);
    }
}
