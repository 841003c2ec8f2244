package com.mobilityhub.hub.bookings;

import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** PENDING bookings that outlived their saga's time limit: what {@link StaleBookingReconciler} looks at. */
public interface StaleBookingRepository extends Repository<Booking, UUID> {

    @Query("select b from Booking b where b.status = com.mobilityhub.contracts.api.bookings.BookingStatus.PENDING"
            + " and b.createdAt < :before order by b.createdAt")
    List<Booking> findPendingCreatedBefore(@Param("before") Instant before, Pageable pageable);
}
