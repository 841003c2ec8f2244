package com.mobilityhub.contracts.api.bookings;

/** A booking's life cycle: PENDING while its saga runs, then one of the terminal states. */
public enum BookingStatus {
    PENDING,
    CONFIRMED,
    REJECTED,
    CANCELLED;

    public boolean isTerminal() {
        return this != PENDING;
    }
}
