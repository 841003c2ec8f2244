package com.mobilityhub.contracts;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The one envelope every event on every topic travels in (schema: {@code schemas/event-envelope.v1.json}).
 *
 * @param eventId     unique per event; consumers use it to drop duplicates and replays
 * @param aggregateId the id of the entity the event is about; also the Kafka record key, so one
 *                    aggregate's events stay in order on one partition
 * @param eventType   one of {@link EventTypes}
 * @param occurredAt  when the state change was committed by its owner
 * @param version     the aggregate's version after the change (monotonic per aggregate)
 * @param data        the event-specific payload
 */
public record EventEnvelope(
        UUID eventId,
        String aggregateId,
        String eventType,
        Instant occurredAt,
        long version,
        JsonNode data) {

    public EventEnvelope {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(aggregateId, "aggregateId");
        Objects.requireNonNull(eventType, "eventType");
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(data, "data");
    }

    /** A new event about {@code aggregateId}, with a fresh id, happening now. */
    public static EventEnvelope of(String eventType, String aggregateId, long version, JsonNode data) {
        return new EventEnvelope(UUID.randomUUID(), aggregateId, eventType, Instant.now(), version, data);
    }
}
