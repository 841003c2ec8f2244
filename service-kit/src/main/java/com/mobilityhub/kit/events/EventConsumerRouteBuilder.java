package com.mobilityhub.kit.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventSchemas;
import com.mobilityhub.contracts.Topics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.RouteDefinition;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Base for routes that react to domain events. {@link #fromEvents} gives a route that:
 * consumes the topic in this app's consumer group, parses the envelope (refusing anything that is
 * not one), and on a failure that survives bounded retries sends the original record to the
 * topic's dead-letter topic with the reason in the {@value EventHeaders#DEAD_LETTER_REASON} header.
 * Nothing is dropped silently. Handlers must be idempotent; {@link ProcessedEvents} makes that easy.
 */
public abstract class EventConsumerRouteBuilder extends RouteBuilder {

    private boolean malformedRecordPolicyDeclared;

    protected RouteDefinition fromEvents(String topic, String routeId) {
        // Camel takes a builder's onException only before its first route: declare it once, so a
        // builder can consume several topics.
        if (!malformedRecordPolicyDeclared) {
            onException(JsonProcessingException.class, InvalidEventException.class)
                    .maximumRedeliveries(0); // retrying will not fix a malformed record
            malformedRecordPolicyDeclared = true;
        }

        return from("kafka:" + topic
                + "?groupId={{spring.application.name}}"
                + "&autoOffsetReset=earliest"
                + "&sessionTimeoutMs={{mobility.events.session-timeout-ms:10000}}"
                + "&heartbeatIntervalMs={{mobility.events.heartbeat-interval-ms:3000}}"
                // A fetch returns as soon as a record arrives (fetch.min.bytes 1), so a long wait adds no
                // latency; it only spares the broker the empty fetches of idle consumers (Kafka's 500 ms
                // default: about 2 a second per consumer, dozens of consumers per stack).
                + "&fetchWaitMaxMs={{mobility.events.fetch-wait-max-ms:5000}}")
                .routeId(routeId)
                .errorHandler(deadLetterChannel("kafka:" + Topics.deadLetterOf(topic))
                        .useOriginalMessage()
                        .maximumRedeliveries(3)
                        .redeliveryDelay(200)
                        .useExponentialBackOff()
                        .backOffMultiplier(2)
                        .retryAttemptedLogLevel(org.apache.camel.LoggingLevel.WARN)
                        .onPrepareFailure(exchange -> {
                            explainFailure(exchange);
                            countDeadLetter(exchange, Topics.deadLetterOf(topic));
                        }))
                .process(EventConsumerRouteBuilder::parseEnvelope);
    }

    private static void parseEnvelope(Exchange exchange) throws JsonProcessingException {
        String raw = exchange.getMessage().getBody(String.class);
        if (raw == null || raw.isBlank()) {
            throw new InvalidEventException("empty record");
        }
        JsonNode json = EventJson.mapper().readTree(raw);
        // Well-formed JSON is not yet an event: hold it to the published envelope schema.
        List<String> violations = EventSchemas.envelopeViolations(json);
        if (!violations.isEmpty()) {
            throw new InvalidEventException("not an event envelope: " + String.join("; ", violations));
        }
        EventEnvelope event = EventJson.mapper().treeToValue(json, EventEnvelope.class);
        exchange.getMessage().setBody(event);
        exchange.getMessage().setHeader(EventHeaders.EVENT_TYPE, event.eventType());
    }

    /** {@code mobility_dead_letters_total{topic}} at /actuator/prometheus: what operators alert on. */
    private static void countDeadLetter(Exchange exchange, String deadLetterTopic) {
        Set<MeterRegistry> registries = exchange.getContext().getRegistry().findByType(MeterRegistry.class);
        // Several registries: Spring Boot's composite forwards to each; one: that one.
        registries.stream().filter(CompositeMeterRegistry.class::isInstance).findFirst()
                .or(() -> registries.size() == 1 ? registries.stream().findFirst() : Optional.empty())
                .ifPresent(meters -> Counter.builder("mobility.dead.letters")
                        .description("Records sent to a dead-letter topic after their retries")
                        .tag("topic", deadLetterTopic).register(meters).increment());
    }

    private static void explainFailure(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        String reason = cause == null ? "unknown" : cause.getClass().getSimpleName() + ": " + cause.getMessage();
        // Only the reason and the original key/ids go to the dead-letter topic.
        Object key = exchange.getMessage().getHeader(org.apache.camel.component.kafka.KafkaConstants.KEY);
        Object eventId = exchange.getMessage().getHeader(EventHeaders.EVENT_ID);
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(EventHeaders.DEAD_LETTER_REASON, reason);
        if (key != null) {
            exchange.getMessage().setHeader(org.apache.camel.component.kafka.KafkaConstants.KEY, key);
        }
        if (eventId != null) {
            exchange.getMessage().setHeader(EventHeaders.EVENT_ID, eventId);
        }
    }
}
