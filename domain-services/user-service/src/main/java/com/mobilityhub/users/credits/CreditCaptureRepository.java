package com.mobilityhub.users.credits;

import org.springframework.data.jpa.repository.JpaRepository;

public interface CreditCaptureRepository extends JpaRepository<CreditCapture, String> {
}
