package com.mobilityhub.notifications.booking;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;
import java.util.UUID;

interface BookingNotificationStepRepository extends JpaRepository<BookingNotificationStep, UUID> {

    /** The step row locked for this transaction: the step and its compensation serialize on it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from BookingNotificationStep s where s.bookingId = :bookingId")
    Optional<BookingNotificationStep> lockByBookingId(UUID bookingId);
}
