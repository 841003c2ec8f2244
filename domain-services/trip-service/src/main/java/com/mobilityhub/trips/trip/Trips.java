package com.mobilityhub.trips.trip;

import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.api.trips.TripView;
import com.mobilityhub.trips.Requests;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/** Reads of trips. Trips are created by the booking saga (booking.TripBookings). */
@Service
public class Trips {

    private final TripRepository trips;

    public Trips(TripRepository trips) {
        this.trips = trips;
    }

    @Transactional(readOnly = true)
    public TripView find(UUID id) {
        return trips.findById(id).map(Trip::toView).orElseThrow(() -> Requests.notFound("Trip", "id", id));
    }

    /** A rider's trips, newest first, optionally only those in {@code status}. */
    @Transactional(readOnly = true)
    public Page<TripView> listForUser(UUID userId, TripStatus status, Requests.PageRequest page) {
        PageRequest request = PageRequest.of(page.number(), page.size());
        org.springframework.data.domain.Page<Trip> found = status == null
                ? trips.findByUser(userId, request)
                : trips.findByUserAndStatus(userId, status.name(), request);
        return new Page<>(found.map(Trip::toView).getContent(),
                Page.PageInfo.of(page.number(), page.size(), found.getTotalElements()));
    }
}
