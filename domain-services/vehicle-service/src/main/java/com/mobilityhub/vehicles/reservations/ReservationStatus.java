package com.mobilityhub.vehicles.reservations;

/**
 * RESERVED: the vehicle is held for a booking (at most one per vehicle, enforced by the database).
 * RELEASED: the booking failed or was cancelled; the hold is gone (also recorded when a
 * compensation arrives before the reservation, so the late reservation is refused).
 * CONSUMED: the booking's trip took the vehicle.
 * REJECTED: the saga's reserve step was refused (vehicle unavailable or unknown); nothing was held.
 */
public enum ReservationStatus {
    RESERVED, RELEASED, CONSUMED, REJECTED
}
