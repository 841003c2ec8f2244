package com.mobilityhub.billing.payments;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.Collection;
import java.util.List;
import java.util.UUID;

public interface PaymentRepository extends JpaRepository<Payment, UUID> {

    List<Payment> findByInvoiceIdIn(Collection<UUID> invoiceIds);

    List<Payment> findByInvoiceId(UUID invoiceId);
}
