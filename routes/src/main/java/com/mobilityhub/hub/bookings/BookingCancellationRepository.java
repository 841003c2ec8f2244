package com.mobilityhub.hub.bookings;

import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface BookingCancellationRepository extends JpaRepository<BookingCancellation, UUID> {

    /** Taken after the booking's own row lock, always in that order. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select c from BookingCancellation c where c.bookingId = :id")
    Optional<BookingCancellation> findForUpdate(@Param("id") UUID id);

    /** Attempts whose close or cancel the coordinator has not answered with a callback yet. */
    @Query("select c from BookingCancellation c where c.state in :states and c.updatedAt < :before order by c.updatedAt")
    List<BookingCancellation> findUnanswered(@Param("states") Collection<BookingCancellation.State> states,
                                             @Param("before") Instant before, Pageable pageable);
}
