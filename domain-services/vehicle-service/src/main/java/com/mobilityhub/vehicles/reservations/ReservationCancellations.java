package com.mobilityhub.vehicles.reservations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.CancellationFeeScheduled;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.VehicleReleaseScheduled;
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
import java.util.Collection;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The cancellation saga's vehicle step: {@code schedule-vehicle-release} records it; the completion
 * {@code release-cancelled-reservation} ends the booking's reservation and gives the vehicle back
 * (AVAILABLE), as the booking saga's release does; the compensation {@code drop-vehicle-release} has
 * nothing to undo. All take the booking's advisory lock ({@code vehicle_reservation:<bookingId>}), then
 * the vehicle row, in the order {@link VehicleReservations} takes them.
 */
@Service
public class ReservationCancellations {

    /** ProcessedEvents consumer name of the step. */
    static final String CONSUMER = "schedule-vehicle-release";

    private static final Logger LOG = LoggerFactory.getLogger(ReservationCancellations.class);

    @PersistenceContext
    private EntityManager entityManager;

    private final ReservationCancellationRepository cancellations;
    private final VehicleReservationRepository reservations;
    private final VehicleRepository vehicles;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    public ReservationCancellations(ReservationCancellationRepository cancellations,
                                    VehicleReservationRepository reservations, VehicleRepository vehicles,
                                    ProcessedEvents processedEvents, Outbox outbox, Clock clock) {
        this.cancellations = cancellations;
        this.reservations = reservations;
        this.vehicles = vehicles;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Step: CancellationFeeScheduled -> the release is scheduled (VehicleReleaseScheduled). Never refuses. */
    @Transactional
    public void scheduleRelease(EventEnvelope event, String lraId, String correlationId) {
        if (lraId == null) {
            throw new InvalidEventException("CancellationFeeScheduled without a Long-Running-Action header");
        }
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            return;
        }
        CancellationFeeScheduled scheduled = scheduledOf(event);
        String bookingId = event.aggregateId();
        lockBooking(bookingId);
        Instant now = clock.instant();
        ReservationCancellation earlier = cancellations.findById(bookingId).orElse(null);
        if (earlier != null && (earlier.belongsTo(lraId) || earlier.getState() == ReservationCancellation.State.RELEASED)) {
            LOG.info("schedule-vehicle-release for booking {} changes nothing: already {}", bookingId, earlier.getState());
            return;
        }
        if (earlier == null) {
            cancellations.save(new ReservationCancellation(bookingId, lraId, ReservationCancellation.State.SCHEDULED, now));
        } else {
            earlier.schedule(lraId, now);
        }
        UUID reservationId = reservations.findByBookingId(bookingId).map(VehicleReservation::getId).orElse(null);
        outbox.record(Topics.VEHICLES, EventEnvelope.of(EventTypes.VEHICLE_RELEASE_SCHEDULED, bookingId,
                event.version() + 1, EventJson.mapper().valueToTree(
                        new VehicleReleaseScheduled(scheduled.booking(), reservationId, scheduled.fee()))),
                lraId, correlationId);
    }

    /** Completion release-cancelled-reservation: the reservation ends and the vehicle is AVAILABLE again, once. */
    @Transactional
    public void releaseReservation(String bookingId, String lraId) {
        lockBooking(bookingId);
        Instant now = clock.instant();
        ReservationCancellation cancellation = cancellations.findById(bookingId).orElse(null);
        if (cancellation == null || !cancellation.belongsTo(lraId)
                || cancellation.getState() != ReservationCancellation.State.SCHEDULED) {
            LOG.debug("release-cancelled-reservation for booking {} (LRA {}): nothing to release", bookingId, lraId);
            return;
        }
        reservations.findByBookingId(bookingId)
                .filter(reservation -> reservation.getStatus() == ReservationStatus.RESERVED)
                .ifPresent(reservation -> {
                    reservation.release(now);
                    reservations.flush();
                    Vehicle vehicle = vehicles.findForUpdate(reservation.getVehicleId()).orElseThrow();
                    // The reservation was the vehicle's one active reservation (unique index): a RESERVED vehicle is ours.
                    if (vehicle.getStatus() == VehicleStatus.RESERVED) {
                        vehicle.releaseFromBooking(now);
                        vehicles.flush();
                        outbox.record(Topics.VEHICLES, VehicleEvents.statusChanged(vehicle, VehicleStatus.RESERVED));
                    }
                });
        cancellation.moveTo(ReservationCancellation.State.RELEASED, now);
    }

    /** Compensation drop-vehicle-release: nothing was released; records it (a tombstone when it comes first). */
    @Transactional
    public void dropRelease(String bookingId, String lraId) {
        lockBooking(bookingId);
        Instant now = clock.instant();
        ReservationCancellation cancellation = cancellations.findById(bookingId).orElse(null);
        if (cancellation == null) {
            cancellations.save(new ReservationCancellation(bookingId, lraId,
                    ReservationCancellation.State.DROPPED_BEFORE_STEP, now));
        } else if (cancellation.belongsTo(lraId) && cancellation.getState() == ReservationCancellation.State.SCHEDULED) {
            cancellation.moveTo(ReservationCancellation.State.DROPPED, now);
        }
    }

    /** Each booking's cancellation state, for GET /saga/participations. */
    @Transactional(readOnly = true)
    public Map<String, ReservationCancellation.State> states(Collection<String> bookingIds) {
        return cancellations.findAllById(bookingIds).stream()
                .collect(Collectors.toMap(ReservationCancellation::getBookingId, ReservationCancellation::getState));
    }

    private void lockBooking(String bookingId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "vehicle_reservation:" + bookingId)
                .getSingleResult();
    }

    private static CancellationFeeScheduled scheduledOf(EventEnvelope event) {
        CancellationFeeScheduled scheduled;
        try {
            scheduled = EventJson.mapper().treeToValue(event.data(), CancellationFeeScheduled.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("not a CancellationFeeScheduled: " + e.getMessage());
        }
        if (scheduled == null || scheduled.booking() == null || scheduled.booking().bookingId() == null
                || !scheduled.booking().bookingId().toString().equals(event.aggregateId())) {
            throw new InvalidEventException("CancellationFeeScheduled needs booking.bookingId = the aggregateId");
        }
        return scheduled;
    }
}
