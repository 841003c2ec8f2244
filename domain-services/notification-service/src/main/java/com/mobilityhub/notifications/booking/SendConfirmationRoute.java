package com.mobilityhub.notifications.booking;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import com.mobilityhub.kit.security.SagaCallbackToken;
import org.apache.camel.Exchange;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

/**
 * Booking saga step {@code send-confirmation} (see contracts' BookingSaga): TripCreated joins the
 * booking's LRA with compensation {@code send-cancellation}, then confirms the booking to the rider.
 * The contract needs no completion; {@code record-confirmation-completed} only records that the saga
 * closed, so {@code GET /saga/participations} can answer COMPLETED rather than ACTIVE forever.
 */
@Component
public class SendConfirmationRoute extends EventConsumerRouteBuilder {

    static final String CONSUMER_ROUTE_ID = "trip-events";
    static final String STEP_ROUTE_ID = "send-confirmation";
    static final String COMPENSATION_ROUTE_ID = "send-cancellation";
    static final String COMPLETION_ROUTE_ID = "record-confirmation-completed";

    private final BookingNotifications notifications;

    public SendConfirmationRoute(BookingNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void configure() {
        // Other trip events (TripRejected, TripCancelled, later TripCompleted) are not this step's.
        fromEvents(Topics.TRIPS, CONSUMER_ROUTE_ID)
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.TRIP_CREATED))
                .to("direct:" + STEP_ROUTE_ID);

        from("direct:" + STEP_ROUTE_ID).routeId(STEP_ROUTE_ID)
                // A failure goes back to the consumer route: its retries, then the dead-letter topic.
                .errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(SagaExchanges.BOOKING_ID, SagaExchanges.bookingIdFromRecordKey())
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(SagaExchanges.bookingIdFromRecordKey()))
                    .compensation("direct:" + COMPENSATION_ROUTE_ID)
                    .completion("direct:" + COMPLETION_ROUTE_ID)
                .process(exchange -> notifications.sendConfirmation(exchange.getMessage().getBody(EventEnvelope.class),
                        SagaExchanges.text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION),
                        SagaExchanges.text(exchange, EventHeaders.CORRELATION_ID)));

        from("direct:" + COMPENSATION_ROUTE_ID).routeId(COMPENSATION_ROUTE_ID)
                .process(exchange -> {
                    SagaExchanges.bookingIdOption(exchange).ifPresent(bookingId -> notifications.sendCancellation(
                            bookingId, SagaExchanges.text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION)));
                    exchange.getMessage().setBody(null); // the coordinator reads 200 with no body as "done"
                });

        from("direct:" + COMPLETION_ROUTE_ID).routeId(COMPLETION_ROUTE_ID)
                .process(exchange -> {
                    SagaExchanges.bookingIdOption(exchange).ifPresent(notifications::recordCompletion);
                    exchange.getMessage().setBody(null);
                });
    }
}
