package com.mobilityhub.users.credits;

/** Where a booking's hold on credits is: reserved, given back, or taken as payment. */
public enum CreditHoldStatus {
    /** Reserved for a booking in flight: moved from the balance to {@code held}. */
    HELD,
    /** Given back to the balance (booking rejected, cancelled or compensated). Final. */
    RELEASED,
    /** Taken as payment for the trip. Final. */
    CAPTURED,
    /** The booking saga's reserve step was refused (see the rejection reason): nothing was held. Final. */
    REJECTED
}
