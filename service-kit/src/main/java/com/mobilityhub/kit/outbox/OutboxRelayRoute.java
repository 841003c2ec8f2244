package com.mobilityhub.kit.outbox;

import com.mobilityhub.contracts.EventHeaders;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.kafka.KafkaConstants;

import java.time.Duration;

/**
 * Relays committed outbox rows to Kafka in commit order, deleting each row once the broker has
 * acknowledged it. A batch that fails (broker down) rolls back whole and is retried on the next
 * poll: events may be sent twice, never lost, and consumers drop the duplicates by event id.
 */
public class OutboxRelayRoute extends RouteBuilder {

    public static final String ROUTE_ID = "outbox-relay";
    static final String SCHEDULER = "outboxRelayScheduler";

    @Override
    public void configure() {
        // Poll right after a transaction recorded events (not only every poll delay): see OutboxRelayScheduler.
        // The poll delay is only the fallback (events committed by another instance or a missed wake-up), so it
        // is long: at 100 ms the six apps with an outbox ran 60 empty poll transactions a second when idle.
        OutboxRelayScheduler scheduler = new OutboxRelayScheduler(Duration.ofMillis(Long.parseLong(
                getContext().resolvePropertyPlaceholders("{{mobility.outbox.poll-delay-ms:500}}"))));
        getContext().getRegistry().bind(SCHEDULER, scheduler);
        Outbox outbox = getContext().getRegistry().findSingleByType(Outbox.class);
        if (outbox != null) {
            outbox.onEventsCommitted(scheduler::wakeUp);
        }

        from("jpa:" + OutboxEvent.class.getName()
                + "?namedQuery=" + OutboxEvent.PENDING_IN_ORDER
                + "&consumeDelete=true"
                + "&transacted=true"
                // maximumResults bounds the query itself: a backlog built while Kafka was down is not loaded whole.
                + "&maximumResults={{mobility.outbox.batch-size:200}}"
                + "&maxMessagesPerPoll={{mobility.outbox.batch-size:200}}"
                + "&scheduler=#" + SCHEDULER
                + "&greedy=true")
                .routeId(ROUTE_ID)
                // A failed send is retried by the next poll, not here: keep the log short.
                .errorHandler(defaultErrorHandler().maximumRedeliveries(0).logStackTrace(false).logRetryAttempted(false))
                .process(this::toKafkaRecord)
                .to("kafka:{{mobility.outbox.fallback-topic:mobility.outbox.unrouted.v1}}"
                        + "?maxBlockMs={{mobility.outbox.max-block-ms:3000}}"
                        + "&requestTimeoutMs={{mobility.outbox.request-timeout-ms:3000}}"
                        + "&deliveryTimeoutMs={{mobility.outbox.delivery-timeout-ms:6000}}"
                        + "&lingerMs=0"
                        + "&requestRequiredAcks=all"
                        // No duplicates from the producer's own retries (Camel's default is false).
                        + "&enableIdempotence=true");
    }

    private void toKafkaRecord(Exchange exchange) {
        OutboxEvent event = exchange.getMessage().getBody(OutboxEvent.class);
        // Only the headers we mean to publish cross to Kafka.
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(KafkaConstants.OVERRIDE_TOPIC, event.getTopic());
        exchange.getMessage().setHeader(KafkaConstants.KEY, event.getAggregateId());
        exchange.getMessage().setHeader(EventHeaders.EVENT_ID, event.getEventId().toString());
        exchange.getMessage().setHeader(EventHeaders.EVENT_TYPE, event.getEventType());
        if (event.getLraId() != null) {
            exchange.getMessage().setHeader(EventHeaders.LONG_RUNNING_ACTION, event.getLraId());
        }
        if (event.getCorrelationId() != null) {
            exchange.getMessage().setHeader(EventHeaders.CORRELATION_ID, event.getCorrelationId());
        }
        exchange.getMessage().setBody(event.getPayload());
    }
}
