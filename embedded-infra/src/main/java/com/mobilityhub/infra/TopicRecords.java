package com.mobilityhub.infra;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Reads every partition of a topic from a fixed starting point, without a consumer group, so a
 * test sees exactly the records written after it began (or since the topic's beginning).
 */
public final class TopicRecords implements AutoCloseable {

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    private TopicRecords(String topic, boolean fromEnd) {
        SharedInfrastructure.get().kafka().createTopics(List.of(topic), 3);
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class));
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        if (fromEnd) {
            consumer.seekToEnd(partitions);
        } else {
            consumer.seekToBeginning(partitions);
        }
        partitions.forEach(consumer::position); // fix the starting offsets now, not at the first poll
    }

    /** Records written from now on. */
    public static TopicRecords fromNow(String topic) {
        return new TopicRecords(topic, true);
    }

    /** Every record the topic holds. */
    public static TopicRecords fromBeginning(String topic) {
        return new TopicRecords(topic, false);
    }

    /** Polls until {@code done} holds for everything read so far; fails after {@code timeout}. */
    public List<ConsumerRecord<String, String>> awaitUntil(Predicate<List<ConsumerRecord<String, String>>> done,
                                                           Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(seen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Condition not met within " + timeout + "; read " + seen.size() + " records: "
                        + seen.stream().map(r -> r.key() + "=" + r.value()).toList());
            }
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
        }
        return List.copyOf(seen);
    }

    /** Reads up to the end offsets as they are now, on every partition. */
    public List<ConsumerRecord<String, String>> readToEnd(Duration timeout) {
        Map<TopicPartition, Long> ends = consumer.endOffsets(consumer.assignment());
        return awaitUntil(ignored -> ends.entrySet().stream()
                .allMatch(end -> consumer.position(end.getKey()) >= end.getValue()), timeout);
    }

    public static String header(ConsumerRecord<?, ?> record, String name) {
        var header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        consumer.close();
    }
}
