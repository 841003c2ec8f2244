package com.mobilityhub.bench;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The raw broker: a record produced (acks=all, idempotent, like the outbox relay) and consumed
 * back from the bench's own topic. One consumer thread hands each record to the client waiting
 * for it, so a round trip is what one saga hop costs at least.
 */
public final class BrokerBaseline implements AutoCloseable {

    public static final String TOPIC = "mobility.bench.roundtrip.v1";
    private static final int PARTITIONS = 3;

    private final KafkaProducer<String, String> producer;
    private final KafkaConsumer<String, String> consumer;
    private final Map<String, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean running = true;

    public BrokerBaseline(String bootstrapServers) throws ExecutionException, InterruptedException {
        Properties admin = new Properties();
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin client = Admin.create(admin)) {
            client.createTopics(List.of(new NewTopic(TOPIC, PARTITIONS, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producerConfig.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        producer = new KafkaProducer<>(producerConfig);

        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        consumer = new KafkaConsumer<>(consumerConfig);
        // Assigned, not subscribed: no group rebalance to wait for.
        List<TopicPartition> partitions = java.util.stream.IntStream.range(0, PARTITIONS)
                .mapToObj(p -> new TopicPartition(TOPIC, p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve the end offsets before anything is produced
        poller = Thread.ofPlatform().name("bench-broker-consumer").start(this::poll);
    }

    private void poll() {
        while (running) {
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(100))) {
                CompletableFuture<Void> waiter = waiting.remove(record.key());
                if (waiter != null) {
                    waiter.complete(null);
                }
            }
        }
        consumer.close();
    }

    /** One produce-and-consume round trip. */
    public boolean roundTrip(int client) throws Exception {
        String key = UUID.randomUUID().toString();
        CompletableFuture<Void> consumed = new CompletableFuture<>();
        waiting.put(key, consumed);
        try {
            producer.send(new ProducerRecord<>(TOPIC, key, "bench round trip of client " + client)).get(10, TimeUnit.SECONDS);
            consumed.get(10, TimeUnit.SECONDS);
            return true;
        } finally {
            waiting.remove(key);
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        poller.join(5000);
        producer.close(Duration.ofSeconds(5));
    }
}
