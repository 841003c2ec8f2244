package com.mobilityhub.trips.trip;

import com.mobilityhub.contracts.api.trips.TripStatus;

import java.util.UUID;

/** A lifecycle change the trip's status does not allow (complete before start, start a cancelled trip, ...). */
public class IllegalTripTransition extends IllegalStateException {

    private final TripStatus current;

    IllegalTripTransition(UUID tripId, TripStatus current, TripStatus target) {
        super("Trip " + tripId + " is " + current + ": it cannot become " + target);
        this.current = current;
    }

    IllegalTripTransition(UUID tripId, TripStatus current, String action) {
        super("Trip " + tripId + " is " + current + ": cannot " + action + " it");
        this.current = current;
    }

    public TripStatus current() {
        return current;
    }
}
