package com.mobilityhub.kit.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import jakarta.persistence.EntityManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Records outgoing events inside the caller's transaction. The event reaches Kafka only if the
 * state change that produced it commits, and it reaches Kafka even if Kafka is down right now
 * ({@link OutboxRelayRoute} retries until the broker acknowledges it).
 */
public class Outbox {

    private final EntityManager entityManager;
    private final ObjectMapper json = EventJson.mapper();
    /** Told after a transaction that recorded events committed (the relay's wake-up); nothing until a relay listens. */
    private volatile Runnable committedListener = () -> { };

    public Outbox(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /** Adds {@code event} for {@code topic}; must run in the transaction that changes the aggregate. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String topic, EventEnvelope event) {
        record(topic, event, null, null);
    }

    /** As {@link #record(String, EventEnvelope)}, carrying the saga (LRA) and correlation ids as headers. */
    @Transactional(propagation = Propagation.MANDATORY)
    public void record(String topic, EventEnvelope event, String lraId, String correlationId) {
        entityManager.persist(new OutboxEvent(event.eventId(), topic, event.aggregateId(), event.eventType(),
                toJson(event), lraId, correlationId));
        notifyAfterCommit();
    }

    /** {@code listener} runs after each commit of a transaction that recorded events (not on rollback). */
    public void onEventsCommitted(Runnable listener) {
        this.committedListener = listener;
    }

    private void notifyAfterCommit() {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            return;
        }
        // One wake-up per recorded event; the relay coalesces those of one transaction into one poll.
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                committedListener.run();
            }
        });
    }

    private String toJson(EventEnvelope event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Event cannot be serialized: " + event.eventType(), e);
        }
    }
}
