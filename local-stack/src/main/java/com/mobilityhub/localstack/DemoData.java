package com.mobilityhub.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Users with credits and vehicles to book, loaded once through the hub's public API (so they exist
 * in every service's own database and on Kafka like any client's data). A marker file in the data
 * directory records what was loaded; later starts reuse it.
 */
final class DemoData {

    record Item(String kind, String id, String label) {
    }

    static final List<Map<String, Object>> USERS = List.of(
            Map.of("name", "Ada Lovelace", "email", "ada.lovelace@example.com", "initialCredits", "150.00"),
            Map.of("name", "Grace Hopper", "email", "grace.hopper@example.com", "initialCredits", "80.00"),
            Map.of("name", "Alan Turing", "email", "alan.turing@example.com", "initialCredits", "25.00"));

    /** VINs are 17 characters without I, O or Q; positions around Berlin's centre. */
    static final List<Map<String, Object>> VEHICLES = List.of(
            vehicle("5YJ3E7EB2NF000101", "Robotaxi L4 Compact", 52.5219, 13.4132),
            vehicle("WBY8P2C05M7K00102", "Robotaxi L4 Sedan", 52.5163, 13.3777),
            vehicle("JTDKN3DU5A0000103", "Robotaxi L4 Van", 52.5096, 13.3760),
            vehicle("1N4AZ1CP8LC000104", "Robotaxi L4 Shuttle", 52.5251, 13.3694));

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int ATTEMPTS = 6;

    private final HttpClient http;
    private final String apiBase;
    private final Path marker;
    private final Path dataDir;
    private final String kafkaBootstrap;

    DemoData(HttpClient http, String apiBase, Path dataDir, String kafkaBootstrap) {
        this.http = http;
        this.apiBase = apiBase;
        this.marker = marker(dataDir);
        this.dataDir = dataDir;
        this.kafkaBootstrap = kafkaBootstrap;
    }

    static Path marker(Path dataDir) {
        return dataDir.resolve("demo-data.json");
    }

    /** What an earlier start loaded, if any. */
    Optional<List<Item>> existing() {
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(marker.toFile());
            List<Item> items = new ArrayList<>();
            root.path("users").forEach(u -> items.add(new Item("user", u.path("id").asText(), u.path("name").asText())));
            root.path("vehicles").forEach(v -> items.add(new Item("vehicle", v.path("id").asText(), v.path("vin").asText())));
            return Optional.of(items);
        } catch (IOException e) {
            return Optional.of(List.of());
        }
    }

    /** Creates the demo users and vehicles, then writes the marker (only if every one was created). */
    List<Item> load() {
        ObjectNode record = JSON.createObjectNode().put("loadedAt", Instant.now().toString());
        ArrayNode users = record.putArray("users");
        ArrayNode vehicles = record.putArray("vehicles");
        List<Item> items = new ArrayList<>();
        for (Map<String, Object> user : USERS) {
            String id = create("/users", user, Topics.USERS, EventTypes.USER_REGISTERED, "email");
            users.addObject().put("id", id).put("name", (String) user.get("name")).put("email", (String) user.get("email"));
            items.add(new Item("user", id, (String) user.get("name")));
        }
        for (Map<String, Object> vehicle : VEHICLES) {
            String id = create("/vehicles", vehicle, Topics.VEHICLES, EventTypes.VEHICLE_REGISTERED, "vin");
            vehicles.addObject().put("id", id).put("vin", (String) vehicle.get("vin")).put("model", (String) vehicle.get("model"));
            items.add(new Item("vehicle", id, (String) vehicle.get("vin")));
        }
        try {
            JSON.writerWithDefaultPrettyPrinter().writeValue(marker.toFile(), record);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return items;
    }

    /**
     * POSTs one resource and returns its id. A 5xx or a lost connection is retried; a 409 (the
     * resource exists: an earlier attempt timed out at the hub after the service had committed, or
     * the data outlived its marker) is resolved by finding the registration event on Kafka, which
     * carries the id, keyed by {@code uniqueField}.
     */
    private String create(String path, Map<String, Object> body, String topic, String eventType, String uniqueField) {
        String json;
        try {
            json = JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String last = "";
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(apiBase + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Content-Type", "application/json")
                        .header("Accept", "application/json")
                        .header("Authorization", "Bearer " + LocalTokens.of(dataDir).admin())
                        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 201 || response.statusCode() == 200) {
                    JsonNode created = JSON.readTree(response.body());
                    if (created.path("id").isMissingNode()) {
                        throw new IllegalStateException("POST " + path + " answered without an id: " + response.body());
                    }
                    return created.path("id").asText();
                }
                last = response.statusCode() + " " + response.body();
                if (response.statusCode() == 409) {
                    String value = (String) body.get(uniqueField);
                    return idFromEvents(topic, eventType, uniqueField, value).orElseThrow(() -> new IllegalStateException(
                            "POST " + path + " says " + uniqueField + " " + value + " exists, but no " + eventType + " for it is on " + topic));
                }
                if (response.statusCode() < 500) {
                    break; // a client error does not heal by retrying
                }
            } catch (IOException e) {
                last = e.toString();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while loading demo data", e);
            }
            sleep(Duration.ofSeconds(2));
        }
        throw new IllegalStateException("POST " + apiBase + path + " " + json + " failed: " + last);
    }

    /** The aggregate id of the {@code eventType} event whose data has {@code field} = {@code value}. */
    private Optional<String> idFromEvents(String topic, String eventType, String field, String value) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafkaBootstrap,
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos(); // the outbox relay ships asynchronously
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                    try {
                        JsonNode envelope = JSON.readTree(record.value());
                        if (eventType.equals(envelope.path("eventType").asText())
                                && value.equalsIgnoreCase(envelope.path("data").path(field).asText())) {
                            return Optional.of(envelope.path("aggregateId").asText());
                        }
                    } catch (IOException e) {
                        // not an envelope: not ours
                    }
                }
            }
            return Optional.empty();
        }
    }

    private static Map<String, Object> vehicle(String vin, String model, double lat, double lng) {
        return Map.of("vin", vin, "model", model, "location", Map.of("lat", lat, "lng", lng));
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
