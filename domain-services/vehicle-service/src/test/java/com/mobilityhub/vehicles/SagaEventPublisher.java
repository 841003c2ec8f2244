package com.mobilityhub.vehicles;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.infra.SharedInfrastructure;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/** Publishes saga events straight to Kafka, as the previous step's service would (with the LRA header). */
public final class SagaEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.ACKS_CONFIG, "all"));

    public SagaEventPublisher(String topic) {
        SharedInfrastructure.get().kafka().createTopics(List.of(topic), 3);
    }

    /** Sends {@code event} keyed by its aggregate id, with the LRA header; returns once Kafka has it. */
    public void publish(String topic, EventEnvelope event, String lra) {
        try {
            ProducerRecord<String, String> record = new ProducerRecord<>(topic, event.aggregateId(),
                    EventJson.mapper().writeValueAsString(event));
            record.headers().add(EventHeaders.LONG_RUNNING_ACTION, lra.getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
            record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
            producer.send(record).get();
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
