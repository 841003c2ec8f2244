package com.mobilityhub.notifications.cancellations;

import org.springframework.data.jpa.repository.JpaRepository;

import java.util.UUID;

interface CancellationNoticeRepository extends JpaRepository<CancellationNotice, UUID> {
}
