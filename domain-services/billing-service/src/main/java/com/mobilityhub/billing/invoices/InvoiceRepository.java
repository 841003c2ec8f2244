package com.mobilityhub.billing.invoices;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Query;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public interface InvoiceRepository extends JpaRepository<Invoice, UUID> {

    Page<Invoice> findByUserId(UUID userId, Pageable page);

    List<Invoice> findTop200ByUserIdOrderByIssuedAtDesc(UUID userId);

    boolean existsByTripId(UUID tripId);

    /** Invoices left to settle: PAYMENT_PENDING, and ISSUED ones whose first settlement did not finish by {@code issuedBefore}. */
    @Query("""
            select i.id from Invoice i
             where i.status = com.mobilityhub.billing.invoices.InvoiceStatus.PAYMENT_PENDING
                or (i.status = com.mobilityhub.billing.invoices.InvoiceStatus.ISSUED and i.issuedAt < :issuedBefore)
             order by i.issuedAt""")
    List<UUID> findUnsettled(Instant issuedBefore, Pageable page);
}
