package com.mobilityhub.kit.events;

import jakarta.persistence.EntityManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.util.UUID;

/**
 * The consumer side of exactly-once: remembers which events a consumer has applied, inside the
 * transaction that applies them. A redelivered or replayed event finds its id already there.
 *
 * <p>We keep our own table rather than Camel's JpaMessageIdRepository because that repository
 * opens its own EntityManager and cannot join Spring's resource-local transaction: the id and the
 * state change would commit separately.
 */
public class ProcessedEvents {

    private final EntityManager entityManager;

    public ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Claims {@code eventId} for {@code consumer}. Returns {@code false} when it was already applied,
     * in which case the caller must change nothing. Concurrent claims of one id serialize on the
     * primary key: exactly one returns {@code true}.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    public boolean claim(String consumer, UUID eventId) {
        int inserted = entityManager.createNativeQuery(
                        "insert into processed_event (consumer, event_id) values (?1, ?2) on conflict do nothing")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate();
        return inserted == 1;
    }
}
