package com.mobilityhub.trips.trip;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.trips.CompleteTrip;
import com.mobilityhub.contracts.api.trips.RecordLocation;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.api.trips.TripView;
import com.mobilityhub.contracts.trips.TripEvents.TripCompleted;
import com.mobilityhub.contracts.trips.TripEvents.TripStarted;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.trips.Requests;
import com.mobilityhub.trips.booking.TripBookings;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * The rider's side of a trip: start, track, complete. Each change locks the trip row first (so two
 * concurrent completes queue, and the second finds the trip COMPLETED), and records its event in the
 * outbox in the same transaction. A transition the status does not allow is a 409 that changes nothing.
 */
@Service
public class TripLifecycle {

    private final TripRepository trips;
    private final TripBookings bookings;
    private final Outbox outbox;
    private final Clock clock;

    public TripLifecycle(TripRepository trips, TripBookings bookings, Outbox outbox, Clock clock) {
        this.trips = trips;
        this.bookings = bookings;
        this.outbox = outbox;
        this.clock = clock;
    }

    /**
     * CREATED -> IN_PROGRESS, once the booking is confirmed; emits TripStarted (vehicle-service then marks
     * the vehicle IN_USE).
     */
    @Transactional
    public TripView start(UUID tripId) {
        Trip trip = lock(tripId);
        Instant now = clock.instant();
        if (trip.getStatus() == TripStatus.CREATED && !bookings.isConfirmed(trip.getBookingId())) {
            // The saga may still compensate the booking: a started trip could not be cancelled then.
            throw ProblemException.conflict("Booking not confirmed yet",
                    "Trip " + tripId + " can start once its booking " + trip.getBookingId() + " is CONFIRMED");
        }
        apply(() -> trip.start(now));
        trips.flush();
        emit(EventTypes.TRIP_STARTED, trip, new TripStarted(trip.getId(), trip.getBookingId(), trip.getUserId(),
                trip.getVehicleId(), trip.getStartedAt()));
        return trip.toView();
    }

    /** Appends a tracking point to a running trip's route. No event: the route is read from this service. */
    @Transactional
    public TripView recordLocation(UUID tripId, RecordLocation location) {
        Trip trip = lock(tripId);
        Instant at = location.at() == null ? clock.instant() : location.at();
        apply(() -> trip.recordPosition(new GeoPoint(location.lat(), location.lng()), at));
        trips.flush();
        return trip.toView();
    }

    /** IN_PROGRESS -> COMPLETED with the measurements; emits TripCompleted, the start of the completion choreography. */
    @Transactional
    public TripView complete(UUID tripId, CompleteTrip measured) {
        Trip trip = lock(tripId);
        Instant now = clock.instant();
        apply(() -> {
            try {
                trip.complete(measured.distanceKm(), measured.durationMinutes(), measured.energyKwh(), now);
            } catch (ArithmeticException e) {
                // The API record's @Digits already refuses these; this guards the schema's precision.
                throw ProblemException.invalidField("distanceKm", "too many decimals");
            }
        });
        trips.flush();
        emit(EventTypes.TRIP_COMPLETED, trip, new TripCompleted(trip.getId(), trip.getBookingId(), trip.getUserId(),
                trip.getVehicleId(), trip.getDistanceKm(), trip.getDurationMinutes(), trip.getEnergyKwh(),
                trip.getStartedAt(), trip.getCompletedAt()));
        return trip.toView();
    }

    private Trip lock(UUID tripId) {
        return trips.findForUpdate(tripId).orElseThrow(() -> Requests.notFound("Trip", "id", tripId));
    }

    /** Runs a transition; one the status does not allow becomes a 409 (the transaction then rolls back). */
    private static void apply(Runnable transition) {
        try {
            transition.run();
        } catch (IllegalTripTransition e) {
            throw ProblemException.conflict("Trip is " + e.current(), e.getMessage());
        }
    }

    private void emit(String type, Trip trip, Object data) {
        outbox.record(Topics.TRIPS, EventEnvelope.of(type, trip.getId().toString(), trip.getVersion(),
                EventJson.mapper().valueToTree(data)));
    }
}
