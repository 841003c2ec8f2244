package com.mobilityhub.trips.cancellation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.BookingCancellationRequested;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.Money;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.TripCancellationAccepted;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.TripCancellationRefused;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.TripReinstated;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.trips.trip.Trip;
import com.mobilityhub.trips.trip.TripRepository;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The cancellation saga's pivot {@code cancel-trip-for-booking}, its compensation {@code reinstate-trip}
 * and its completion. The step locks the trip row, as starting a trip does, so a start and a
 * cancellation take turns: the first wins, the other finds the trip no longer CREATED. Each runs in one
 * transaction that records the event it emits (outbox, with the cancellation's LRA id).
 */
@Service
public class TripCancellations {

    /** The name under which the step claims BookingCancellationRequested events in {@code processed_event}. */
    static final String CONSUMER = "cancel-trip-for-booking";

    private static final Logger LOG = LoggerFactory.getLogger(TripCancellations.class);

    private final TripCancellationStepRepository steps;
    private final TripRepository trips;
    private final ProcessedEvents processedEvents;
    private final Outbox outbox;
    private final EntityManager entityManager;
    private final Clock clock;

    public TripCancellations(TripCancellationStepRepository steps, TripRepository trips, ProcessedEvents processedEvents,
                             Outbox outbox, EntityManager entityManager, Clock clock) {
        this.steps = steps;
        this.trips = trips;
        this.processedEvents = processedEvents;
        this.outbox = outbox;
        this.entityManager = entityManager;
        this.clock = clock;
    }

    /** Step: a CREATED trip becomes CANCELLED (TripCancellationAccepted); a started one refuses (TripCancellationRefused). */
    @Transactional
    public void cancelTrip(EventEnvelope event, String lraId, String correlationId) {
        if (lraId == null) {
            throw new InvalidEventException("BookingCancellationRequested without a Long-Running-Action header");
        }
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            LOG.debug("BookingCancellationRequested {} already applied; ignoring the copy", event.eventId());
            return;
        }
        BookingCancellationRequested request = requestOf(event);
        UUID bookingId = request.booking().bookingId();
        lockBooking(bookingId);
        Instant now = clock.instant();
        TripCancellationStep step = steps.findById(bookingId).orElse(null);
        if (step != null && step.getLraId().equals(lraId)) {
            // Our own compensation came first (tombstone), or the same request under another event id.
            LOG.info("Booking {}: cancellation step of LRA {} already {}; the request changes nothing",
                    bookingId, lraId, step.getState());
            return;
        }
        if (step != null && !step.getState().endedWithoutCancelling()) {
            refuse(step, request, lraId, correlationId, null, "another cancellation of this booking is "
                    + step.getState(), now);
            return;
        }
        if (step == null) {
            step = steps.save(new TripCancellationStep(bookingId, lraId, TripCancellationStep.State.ACCEPTED, now));
        }
        Optional<Trip> found = request.tripId() == null ? Optional.empty() : trips.findForUpdate(request.tripId());
        if (found.isEmpty() || !found.get().getBookingId().equals(bookingId.toString())) {
            refuse(step, request, lraId, correlationId, null, "no trip " + request.tripId() + " for this booking", now);
            return;
        }
        Trip trip = found.get();
        if (trip.getStatus() != TripStatus.CREATED) {
            refuse(step, request, lraId, correlationId, trip.getStatus(), "the trip is " + trip.getStatus(), now);
            return;
        }
        trip.cancel(now);
        trips.flush();
        Money fee = request.fee();
        step.attempt(lraId, TripCancellationStep.State.ACCEPTED, trip.getId(), fee.amount(), fee.currency(), null, now);
        steps.flush();
        emit(EventTypes.TRIP_CANCELLATION_ACCEPTED, bookingId, step.getVersion(),
                new TripCancellationAccepted(request.booking(), trip.getId(), fee), lraId, correlationId);
    }

    private void refuse(TripCancellationStep step, BookingCancellationRequested request, String lraId,
                        String correlationId, TripStatus status, String detail, Instant now) {
        UUID bookingId = request.booking().bookingId();
        LOG.info("Booking {}: cancellation refused: {}", bookingId, detail);
        if (step.getState().endedWithoutCancelling() || step.getLraId().equals(lraId)) {
            step.attempt(lraId, TripCancellationStep.State.REFUSED, request.tripId(), request.fee().amount(),
                    request.fee().currency(), detail, now);
            steps.flush();
        }
        emit(EventTypes.TRIP_CANCELLATION_REFUSED, bookingId, step.getVersion(), new TripCancellationRefused(
                request.booking(), request.tripId(), status == null ? null : status.name(), detail), lraId, correlationId);
    }

    /**
     * Compensation reinstate-trip: a trip this LRA cancelled is CREATED again (TripReinstated), once.
     * Before the step it leaves a tombstone of this LRA so the late step is refused; a callback of an
     * older attempt changes nothing.
     */
    @Transactional
    public void reinstateTrip(UUID bookingId, String lraId) {
        lockBooking(bookingId);
        Instant now = clock.instant();
        TripCancellationStep step = steps.findById(bookingId).orElse(null);
        if (step == null) {
            steps.save(new TripCancellationStep(bookingId, lraId, TripCancellationStep.State.DROPPED_BEFORE_STEP, now));
            return;
        }
        if (!step.getLraId().equals(lraId) || step.getState() != TripCancellationStep.State.ACCEPTED) {
            LOG.debug("Booking {}: reinstate-trip of LRA {} has nothing to undo ({} of {})", bookingId, lraId,
                    step.getState(), step.getLraId());
            return;
        }
        trips.findForUpdate(step.getTripId()).orElseThrow();
        // Trip.cancel is one-way for riders; only this compensation may take its own cancellation back.
        int reinstated = entityManager.createNativeQuery("""
                        update trip set status = 'CREATED', updated_at = ?1, version = version + 1
                         where id = ?2 and status = 'CANCELLED'""")
                .setParameter(1, now)
                .setParameter(2, step.getTripId())
                .executeUpdate();
        entityManager.clear();
        TripCancellationStep current = steps.findById(bookingId).orElseThrow();
        current.moveTo(TripCancellationStep.State.REINSTATED, now);
        steps.flush();
        if (reinstated != 1) {
            LOG.warn("Booking {}: trip {} was no longer CANCELLED; left as it is", bookingId, step.getTripId());
        }
        emit(EventTypes.TRIP_REINSTATED, bookingId, current.getVersion(),
                new TripReinstated(onlyTheId(bookingId), current.getTripId()), lraId, null);
    }

    /** Completion: the cancellation closed; the trip stays CANCELLED. Repeats change nothing. */
    @Transactional
    public void completeCancellation(UUID bookingId, String lraId) {
        lockBooking(bookingId);
        steps.findById(bookingId)
                .filter(step -> step.getLraId().equals(lraId) && step.getState() == TripCancellationStep.State.ACCEPTED)
                .ifPresent(step -> step.moveTo(TripCancellationStep.State.COMPLETED, clock.instant()));
    }

    /** Each booking's cancellation state, for GET /saga/participations. */
    @Transactional(readOnly = true)
    public Map<UUID, TripCancellationStep.State> states(Collection<UUID> bookingIds) {
        return steps.findAllById(bookingIds).stream()
                .collect(Collectors.toMap(TripCancellationStep::getBookingId, TripCancellationStep::getState));
    }

    /** One booking's cancellation steps take turns, also while no row exists yet. */
    private void lockBooking(UUID bookingId) {
        entityManager.createNativeQuery("select pg_advisory_xact_lock(hashtextextended(?1, 0))")
                .setParameter(1, "trip_cancellation:" + bookingId)
                .getSingleResult();
    }

    private void emit(String type, UUID bookingId, long version, Object data, String lraId, String correlationId) {
        EventEnvelope event = EventEnvelope.of(type, bookingId.toString(), version, EventJson.mapper().valueToTree(data));
        outbox.record(Topics.TRIPS, event, lraId, correlationId);
    }

    private static BookingCancellationRequested requestOf(EventEnvelope event) {
        BookingCancellationRequested request;
        try {
            request = EventJson.mapper().treeToValue(event.data(), BookingCancellationRequested.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException("not a BookingCancellationRequested: " + e.getMessage());
        }
        if (request == null || request.booking() == null || request.booking().bookingId() == null
                || request.fee() == null || request.fee().amount() == null || request.fee().currency() == null) {
            throw new InvalidEventException("BookingCancellationRequested needs booking.bookingId and fee");
        }
        if (!request.booking().bookingId().toString().equals(event.aggregateId())) {
            throw new InvalidEventException("aggregateId " + event.aggregateId() + " is not the booking id");
        }
        return request;
    }

    private static BookingSnapshot onlyTheId(UUID bookingId) {
        return new BookingSnapshot(bookingId, null, null, null, null, null);
    }
}
