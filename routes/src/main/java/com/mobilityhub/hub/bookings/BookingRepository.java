package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.api.bookings.BookingStatus;
import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface BookingRepository extends JpaRepository<Booking, UUID> {

    /** Saga events and callbacks of one booking serialize on its row. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select b from Booking b where b.id = :id")
    Optional<Booking> findForUpdate(@Param("id") UUID id);

    Optional<Booking> findByIdempotencyKey(String idempotencyKey);

    Page<Booking> findByUserId(UUID userId, Pageable pageable);

    Page<Booking> findByStatus(BookingStatus status, Pageable pageable);

    Page<Booking> findByUserIdAndStatus(UUID userId, BookingStatus status, Pageable pageable);

    /** Bookings whose saga ended in an event but whose callback has not arrived: their close is retried. */
    @Query("select b.id from Booking b where b.status = com.mobilityhub.contracts.api.bookings.BookingStatus.PENDING"
            + " and b.closeRequested is not null and b.updatedAt < :before order by b.updatedAt")
    List<UUID> findUnansweredCloses(@Param("before") Instant before, Pageable pageable);

    @Query("select b from Booking b where b.createdAt < :before order by b.createdAt")
    List<Booking> findCreatedBefore(@Param("before") Instant before);
}
