package com.mobilityhub.contracts.booking;

/** Why a booking ended REJECTED (API.md lists the first five; the rest are ours). */
public enum RejectionReason {
    INSUFFICIENT_CREDITS,
    VEHICLE_UNAVAILABLE,
    TRIP_REJECTED,
    NOTIFICATION_FAILED,
    /** The LRA outlived its time limit; the coordinator cancelled it. */
    TIMEOUT,
    /** A participant found the user unknown (deleted after the hub's check). */
    UNKNOWN_USER,
    /** A participant found the vehicle unknown. */
    UNKNOWN_VEHICLE,
    /** The saga could not be started (e.g. the coordinator refused to start or join the LRA). */
    SAGA_START_FAILED
}
