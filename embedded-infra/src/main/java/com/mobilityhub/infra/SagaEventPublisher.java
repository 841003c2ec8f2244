package com.mobilityhub.infra;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes saga events straight to the shared broker, as the previous step's service would: keyed by the aggregate
 * id, with the event id, event type and (when there is one) the {@code Long-Running-Action} header. For tests that
 * play the neighbours of the service under test; the counterpart of {@link TopicRecords}.
 */
public final class SagaEventPublisher implements AutoCloseable {

    private final KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.ACKS_CONFIG, "all"));

    /** Creates {@code topic} on the shared broker if it is not there yet. */
    public SagaEventPublisher(String topic) {
        SharedInfrastructure.get().kafka().createTopics(List.of(topic), 3);
    }

    /** Sends {@code event} to the partition of its key; returns once Kafka has it. {@code lra} may be null. */
    public void publish(String topic, EventEnvelope event, String lra) {
        send(new ProducerRecord<>(topic, event.aggregateId(), json(event)), event, lra);
    }

    /** Same, to one partition: a test that reads its effects in order keeps all its records on one. */
    public void publish(String topic, int partition, EventEnvelope event, String lra) {
        send(new ProducerRecord<>(topic, partition, event.aggregateId(), json(event)), event, lra);
    }

    private void send(ProducerRecord<String, String> record, EventEnvelope event, String lra) {
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        if (lra != null) {
            record.headers().add(EventHeaders.LONG_RUNNING_ACTION, lra.getBytes(StandardCharsets.UTF_8));
        }
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String json(EventEnvelope event) {
        try {
            return EventJson.mapper().writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
