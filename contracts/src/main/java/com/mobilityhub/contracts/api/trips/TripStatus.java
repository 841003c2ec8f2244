package com.mobilityhub.contracts.api.trips;

/** Where a trip is in its life. CREATED by the booking saga; COMPLETED and CANCELLED are final. */
public enum TripStatus {
    CREATED, IN_PROGRESS, COMPLETED, CANCELLED
}
