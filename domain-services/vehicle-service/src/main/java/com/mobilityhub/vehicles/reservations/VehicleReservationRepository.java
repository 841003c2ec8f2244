package com.mobilityhub.vehicles.reservations;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface VehicleReservationRepository extends JpaRepository<VehicleReservation, UUID> {

    Optional<VehicleReservation> findByBookingId(String bookingId);

    List<VehicleReservation> findByBookingIdIn(Collection<String> bookingIds);

    Optional<VehicleReservation> findByVehicleIdAndStatus(UUID vehicleId, ReservationStatus status);
}
