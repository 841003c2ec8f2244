package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.List;

/**
 * {@code booking-saga-events-*}: the participants' saga events, one route per topic. Each event
 * becomes a timeline entry (once per event id); TripCreated records the trip; the saga's terminal
 * event (ConfirmationSent, or any failure) queues saga:complete / saga:compensate. Other event
 * types on these topics (UserRegistered, ...) pass by untouched.
 */
@Component
public class BookingSagaEventRoutes extends EventConsumerRouteBuilder {

    static final List<String> TOPICS = List.of(Topics.USERS, Topics.VEHICLES, Topics.TRIPS, Topics.NOTIFICATIONS);

    private final Bookings bookings;
    private final SagaCloses closes;
    private final BookingCancellations cancellations;
    private final BookingCancellationRoutes cancellationRoutes;

    public BookingSagaEventRoutes(Bookings bookings, SagaCloses closes, BookingCancellations cancellations,
                                  BookingCancellationRoutes cancellationRoutes) {
        this.bookings = bookings;
        this.closes = closes;
        this.cancellations = cancellations;
        this.cancellationRoutes = cancellationRoutes;
    }

    @Override
    public void configure() {
        for (String topic : TOPICS) {
            fromEvents(topic, "booking-saga-events-" + topic.split("\\.")[1])
                    .filter(exchange -> SagaSteps.FOLLOWED_EVENT_TYPES.contains(
                            exchange.getMessage().getHeader(EventHeaders.EVENT_TYPE, String.class))
                            || BookingCancellations.follows(exchange.getMessage().getHeader(EventHeaders.EVENT_TYPE, String.class)))
                    .process(this::apply);
        }
    }

    private void apply(Exchange exchange) {
        // The cancellation saga's events travel the same topics (one consumer per topic and group).
        if (BookingCancellations.follows(exchange.getMessage().getHeader(EventHeaders.EVENT_TYPE, String.class))) {
            BookingCancellations.EventOutcome outcome = cancellations.applyEvent(
                    exchange.getMessage().getBody(EventEnvelope.class),
                    exchange.getMessage().getHeader(EventHeaders.LONG_RUNNING_ACTION, String.class));
            if (outcome.closeRequest() != null) {
                cancellationRoutes.requestClose(outcome.bookingId(), outcome.lraId(), outcome.closeRequest());
            }
            return;
        }
        Bookings.SagaEventOutcome outcome = bookings.applySagaEvent(exchange.getMessage().getBody(EventEnvelope.class));
        if (outcome.closeRequest() != null) {
            closes.request(outcome.bookingId(), outcome.lraId(), outcome.closeRequest());
        }
    }
}
