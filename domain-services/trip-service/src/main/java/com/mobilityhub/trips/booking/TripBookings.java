package com.mobilityhub.trips.booking;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.booking.BookingSagaEvents.TripCancelled;
import com.mobilityhub.contracts.booking.BookingSagaEvents.TripCreated;
import com.mobilityhub.contracts.booking.BookingSagaEvents.TripRejected;
import com.mobilityhub.contracts.booking.BookingSagaEvents.VehicleReserved;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.RejectionReason;
import com.mobilityhub.contracts.booking.SagaParticipation;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.trips.trip.Trip;
import com.mobilityhub.trips.trip.TripRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The booking saga's step {@code create-trip}, its compensation {@code cancel-trip} and its completion
 * {@code confirm-trip}. Each runs in one transaction that changes the state and records the event it
 * emits in the outbox, with the booking's LRA id, so the next step (and the hub's timeline) sees it.
 */
@Service
public class TripBookings {

    public static final String SERVICE = "trip-service";
    /** The name under which the step claims VehicleReserved events in {@code processed_event}. */
    static final String CONSUMER = "create-trip";

    private static final Logger LOG = LoggerFactory.getLogger(TripBookings.class);

    private final TripBookingStepRepository steps;
    private final TripRepository trips;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final Clock clock;

    public TripBookings(TripBookingStepRepository steps, TripRepository trips, ProcessedEvents processedEvents,
                        Outbox outbox, Clock clock) {
        this.steps = steps;
        this.trips = trips;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.clock = clock;
    }

    /** Step create-trip: VehicleReserved -> a CREATED trip and TripCreated, or TripRejected. */
    @Transactional
    public void createTrip(EventEnvelope event, String lraId, String correlationId) {
        UUID bookingId = bookingIdOf(event);
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            LOG.debug("VehicleReserved {} already applied; ignoring the copy", event.eventId());
            return;
        }
        Instant now = clock.instant();
        BookingSnapshot booking = bookingOf(event, bookingId);
        Optional<TripBookingStep> earlier = steps.lockByBookingId(bookingId);
        if (earlier.isPresent()) {
            TripBookingStep step = earlier.get();
            if (step.getState() == TripBookingStep.State.CANCELLED_BEFORE_STEP) {
                LOG.info("Booking {} was compensated before its VehicleReserved arrived: no trip", bookingId);
                emit(EventTypes.TRIP_REJECTED, bookingId, step.getVersion(), new TripRejected(booking,
                        RejectionReason.TRIP_REJECTED, "the booking was already cancelled"), lraId, correlationId);
            } else {
                // Another VehicleReserved for a booking already handled (a replay under a new event id).
                LOG.warn("Booking {} already has its trip step ({}); VehicleReserved {} changes nothing",
                        bookingId, step.getState(), event.eventId());
            }
            return;
        }
        String invalid = whyInvalid(booking, bookingId);
        if (invalid != null) {
            TripBookingStep rejected = steps.saveAndFlush(
                    TripBookingStep.rejected(bookingId, json(booking), lraId, invalid, now));
            emit(EventTypes.TRIP_REJECTED, bookingId, rejected.getVersion(),
                    new TripRejected(booking, RejectionReason.TRIP_REJECTED, invalid), lraId, correlationId);
            return;
        }
        Trip trip = trips.save(Trip.create(bookingId.toString(), booking.userId(), booking.vehicleId(),
                booking.pickup(), booking.dropoff(), booking.fare(), now));
        TripBookingStep step = steps.saveAndFlush(
                TripBookingStep.tripCreated(bookingId, trip.getId(), json(booking), lraId, now));
        emit(EventTypes.TRIP_CREATED, bookingId, step.getVersion(), new TripCreated(booking, trip.getId()),
                lraId, correlationId);
    }

    /**
     * Compensation cancel-trip: the trip becomes CANCELLED and TripCancelled is emitted, once however
     * often it is called. Called before the step, it leaves a tombstone so the late step is refused.
     */
    @Transactional
    public void cancelTrip(UUID bookingId, String lraId) {
        Instant now = clock.instant();
        Optional<TripBookingStep> existing = steps.lockByBookingId(bookingId);
        if (existing.isEmpty()) {
            BookingSnapshot onlyTheId = new BookingSnapshot(bookingId, null, null, null, null, null);
            TripBookingStep tombstone = steps.saveAndFlush(
                    TripBookingStep.cancelledBeforeStep(bookingId, json(onlyTheId), lraId, now));
            emit(EventTypes.TRIP_CANCELLED, bookingId, tombstone.getVersion(), new TripCancelled(onlyTheId, null),
                    lraId, null);
            return;
        }
        TripBookingStep step = existing.get();
        if (!step.compensate(now)) {
            LOG.debug("Booking {}: cancel-trip already done", bookingId);
            return;
        }
        if (step.getTripId() != null) {
            trips.findById(step.getTripId()).ifPresent(trip -> {
                if (trip.getStatus() == TripStatus.CREATED || trip.getStatus() == TripStatus.CANCELLED) {
                    trip.cancel(now);
                } else {
                    // Cannot happen while the LRA is open (trips start after the booking is confirmed).
                    LOG.warn("Booking {}: trip {} is {}, it is not cancelled", bookingId, trip.getId(), trip.getStatus());
                }
            });
        }
        emit(EventTypes.TRIP_CANCELLED, bookingId, step.getVersion(),
                new TripCancelled(snapshotOf(step), step.getTripId()), lraId, null);
    }

    /** Completion confirm-trip: the saga closed, the trip stands (still CREATED until the rider starts it). */
    @Transactional
    public void confirmTrip(UUID bookingId) {
        Optional<TripBookingStep> step = steps.lockByBookingId(bookingId);
        if (step.isEmpty()) {
            LOG.warn("Booking {}: confirm-trip for a booking without a trip step", bookingId);
            return;
        }
        step.get().confirm(clock.instant());
    }

    /**
     * Whether the booking's saga has closed with its trip standing (step CONFIRMED): only then may the
     * rider start the trip. Before that a timeout or a failure could still compensate the booking.
     */
    @Transactional(readOnly = true)
    public boolean isConfirmed(String bookingId) {
        UUID id;
        try {
            id = UUID.fromString(bookingId);
        } catch (IllegalArgumentException e) {
            return false;
        }
        return steps.findById(id).map(step -> step.getState() == TripBookingStep.State.CONFIRMED).orElse(false);
    }

    /** What trip-service knows of each booking's saga (GET /saga/participations). */
    @Transactional(readOnly = true)
    public List<SagaParticipation> participations(Collection<UUID> bookingIds) {
        Map<UUID, TripBookingStep> found = steps.findAllById(bookingIds).stream()
                .collect(Collectors.toMap(TripBookingStep::getBookingId, Function.identity()));
        List<UUID> tripIds = found.values().stream().map(TripBookingStep::getTripId).filter(id -> id != null).toList();
        Map<UUID, TripStatus> tripStatus = trips.findAllById(tripIds).stream()
                .collect(Collectors.toMap(Trip::getId, Trip::getStatus));
        return bookingIds.stream().map(bookingId -> {
            TripBookingStep step = found.get(bookingId);
            if (step == null) {
                return new SagaParticipation(bookingId, SERVICE, SagaParticipation.State.NONE, null, null, null);
            }
            TripStatus status = step.getTripId() == null ? null : tripStatus.get(step.getTripId());
            boolean started = status == TripStatus.IN_PROGRESS || status == TripStatus.COMPLETED;
            String detail = step.getState().name() + (status == null ? "" : " (trip " + status + ")")
                    + (step.getDetail() == null ? "" : ": " + step.getDetail());
            return new SagaParticipation(bookingId, SERVICE, step.participation(started), detail, null,
                    step.getUpdatedAt());
        }).toList();
    }

    private void emit(String type, UUID bookingId, long version, Object data, String lraId, String correlationId) {
        EventEnvelope event = EventEnvelope.of(type, bookingId.toString(), version, EventJson.mapper().valueToTree(data));
        outbox.record(Topics.TRIPS, event, lraId, correlationId);
    }

    private static UUID bookingIdOf(EventEnvelope event) {
        try {
            return UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("VehicleReserved aggregateId is not a booking id: " + event.aggregateId());
        }
    }

    /** The event's booking; only its id when the data cannot be read (then the step rejects it). */
    private static BookingSnapshot bookingOf(EventEnvelope event, UUID bookingId) {
        try {
            VehicleReserved reserved = EventJson.mapper().treeToValue(event.data(), VehicleReserved.class);
            if (reserved != null && reserved.booking() != null) {
                return reserved.booking();
            }
        } catch (JsonProcessingException | IllegalArgumentException e) {
            LOG.warn("VehicleReserved {} has unreadable data: {}", event.eventId(), e.getMessage());
        }
        return new BookingSnapshot(bookingId, null, null, null, null, null);
    }

    /** Why no trip can be made of {@code booking}; null when it can. */
    static String whyInvalid(BookingSnapshot booking, UUID bookingId) {
        if (!bookingId.equals(booking.bookingId())) {
            return "booking.bookingId does not match the event's aggregateId";
        }
        if (booking.userId() == null) {
            return "booking.userId is missing";
        }
        if (booking.vehicleId() == null) {
            return "booking.vehicleId is missing";
        }
        String pickup = whyInvalid("pickup", booking.pickup());
        if (pickup != null) {
            return pickup;
        }
        String dropoff = whyInvalid("dropoff", booking.dropoff());
        if (dropoff != null) {
            return dropoff;
        }
        BigDecimal fare = booking.fare();
        if (fare == null) {
            return "booking.fare is missing";
        }
        if (fare.signum() < 0 || fare.stripTrailingZeros().scale() > 2) {
            return "booking.fare must be a non-negative amount with at most 2 decimals";
        }
        return null;
    }

    private static String whyInvalid(String field, GeoPoint point) {
        if (point == null || point.lat() == null || point.lng() == null) {
            return "booking." + field + " is missing";
        }
        if (Math.abs(point.lat()) > 90 || Math.abs(point.lng()) > 180) {
            return "booking." + field + " is not a WGS84 position";
        }
        return null;
    }

    private static BookingSnapshot snapshotOf(TripBookingStep step) {
        try {
            return EventJson.mapper().readValue(step.getBooking(), BookingSnapshot.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored booking of " + step.getBookingId() + " is unreadable", e);
        }
    }

    private static String json(BookingSnapshot booking) {
        try {
            return EventJson.mapper().writeValueAsString(booking);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
