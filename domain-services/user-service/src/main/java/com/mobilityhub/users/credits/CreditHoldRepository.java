package com.mobilityhub.users.credits;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface CreditHoldRepository extends JpaRepository<CreditHold, UUID> {

    /** The account's holds, without the refused attempts (they hold nothing). */
    List<CreditHold> findByUserIdAndStatusNotOrderByCreatedAtAscIdAsc(UUID userId, CreditHoldStatus excluded);

    Optional<CreditHold> findByBookingId(String bookingId);

    List<CreditHold> findByBookingIdIn(Collection<String> bookingIds);
}
