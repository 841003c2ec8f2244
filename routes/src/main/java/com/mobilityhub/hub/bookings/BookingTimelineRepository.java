package com.mobilityhub.hub.bookings;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface BookingTimelineRepository extends JpaRepository<BookingTimelineEntry, Long> {

    List<BookingTimelineEntry> findByBookingIdOrderByAtAscIdAsc(UUID bookingId);
}
