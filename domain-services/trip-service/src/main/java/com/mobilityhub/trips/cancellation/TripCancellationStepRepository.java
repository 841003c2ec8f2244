package com.mobilityhub.trips.cancellation;

import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;
import java.util.UUID;

interface TripCancellationStepRepository extends JpaRepository<TripCancellationStep, UUID> {

    /** The step row locked for this transaction: the step and its callbacks serialize on it. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select s from TripCancellationStep s where s.bookingId = :bookingId")
    Optional<TripCancellationStep> lockByBookingId(UUID bookingId);
}
