package com.mobilityhub.users.credits;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

public interface CreditAccountRepository extends JpaRepository<CreditAccount, UUID> {
}
