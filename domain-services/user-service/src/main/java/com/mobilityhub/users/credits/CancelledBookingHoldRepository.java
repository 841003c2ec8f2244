package com.mobilityhub.users.credits;

import org.springframework.data.jpa.repository.JpaRepository;

interface CancelledBookingHoldRepository extends JpaRepository<CancelledBookingHold, String> {
}
