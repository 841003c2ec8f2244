package com.mobilityhub.users.credits;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface CreditHoldRepository extends JpaRepository<CreditHold, UUID> {

    List<CreditHold> findByUserIdOrderByCreatedAtAscIdAsc(UUID userId);
}
