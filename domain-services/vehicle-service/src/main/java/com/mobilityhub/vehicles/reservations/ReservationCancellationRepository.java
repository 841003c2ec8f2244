package com.mobilityhub.vehicles.reservations;

import org.springframework.data.jpa.repository.JpaRepository;

interface ReservationCancellationRepository extends JpaRepository<ReservationCancellation, String> {
}
