package com.mobilityhub.billing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.trips.TripEvents.TripCompleted;
import com.mobilityhub.infra.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

/** Publishes TripCompleted to the trips topic as trip-service would (keyed by trip id). */
public final class TripCompletions implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.ACKS_CONFIG, "all"));

    public TripCompletions() {
        SharedInfrastructure.get().kafka().createTopics(List.of(Topics.TRIPS), 3);
    }

    /** A completed trip of {@code rider}'s booking, as an envelope with a fresh event id. */
    public static EventEnvelope tripCompleted(UUID rider, String bookingId, String distanceKm, String durationMinutes) {
        return tripCompleted(UUID.randomUUID(), rider, bookingId, distanceKm, durationMinutes);
    }

    public static EventEnvelope tripCompleted(UUID tripId, UUID rider, String bookingId, String distanceKm,
                                              String durationMinutes) {
        Instant completedAt = Instant.now();
        TripCompleted trip = new TripCompleted(tripId, bookingId, rider, UUID.randomUUID(), new BigDecimal(distanceKm),
                new BigDecimal(durationMinutes), new BigDecimal("3.5"), completedAt.minusSeconds(600), completedAt);
        return EventEnvelope.of(EventTypes.TRIP_COMPLETED, tripId.toString(), 3, EventJson.mapper().valueToTree(trip));
    }

    /** Sends {@code event}; returns once Kafka has it. */
    public void publish(EventEnvelope event) {
        try {
            producer.send(new ProducerRecord<>(Topics.TRIPS, event.aggregateId(),
                    EventJson.mapper().writeValueAsString(event))).get();
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
