package com.mobilityhub.kit.outbox;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** An event committed with its state change and not yet acknowledged by Kafka. */
@Entity
@Table(name = "outbox_event")
@NamedQuery(name = OutboxEvent.PENDING_IN_ORDER, query = "select o from OutboxEvent o order by o.seq")
public class OutboxEvent {

    public static final String PENDING_IN_ORDER = "OutboxEvent.pendingInOrder";

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long seq;

    @Column(name = "event_id", nullable = false, unique = true)
    private UUID eventId;

    @Column(nullable = false)
    private String topic;

    @Column(name = "aggregate_id", nullable = false)
    private String aggregateId;

    @Column(name = "event_type", nullable = false)
    private String eventType;

    @Column(nullable = false)
    private String payload;

    @Column(name = "lra_id")
    private String lraId;

    @Column(name = "correlation_id")
    private String correlationId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected OutboxEvent() {
    }

    OutboxEvent(UUID eventId, String topic, String aggregateId, String eventType, String payload,
                String lraId, String correlationId) {
        this.eventId = eventId;
        this.topic = topic;
        this.aggregateId = aggregateId;
        this.eventType = eventType;
        this.payload = payload;
        this.lraId = lraId;
        this.correlationId = correlationId;
        this.createdAt = Instant.now();
    }

    public Long getSeq() {
        return seq;
    }

    public UUID getEventId() {
        return eventId;
    }

    public String getTopic() {
        return topic;
    }

    public String getAggregateId() {
        return aggregateId;
    }

    public String getEventType() {
        return eventType;
    }

    public String getPayload() {
        return payload;
    }

    public String getLraId() {
        return lraId;
    }

    public String getCorrelationId() {
        return correlationId;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }
}
