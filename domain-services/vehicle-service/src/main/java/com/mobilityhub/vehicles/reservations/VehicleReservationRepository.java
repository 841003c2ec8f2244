package com.mobilityhub.vehicles.reservations;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Optional;
import java.util.UUID;

public interface VehicleReservationRepository extends JpaRepository<VehicleReservation, UUID> {

    Optional<VehicleReservation> findByBookingId(String bookingId);

    Optional<VehicleReservation> findByVehicleIdAndStatus(UUID vehicleId, ReservationStatus status);
}
