package com.mobilityhub.trips.cancellation;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.security.SagaCallbackToken;
import org.apache.camel.Exchange;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Cancellation saga pivot {@code cancel-trip-for-booking} (see contracts' BookingCancellationSaga):
 * BookingCancellationRequested joins the cancellation's LRA with compensation {@code reinstate-trip}
 * and completion {@code complete-trip-cancellation}, then cancels the trip or refuses.
 */
@Component
public class TripCancellationRoute extends EventConsumerRouteBuilder {

    static final String CONSUMER_ROUTE_ID = "booking-events";
    static final String STEP_ROUTE_ID = "cancel-trip-for-booking";
    static final String COMPENSATION_ROUTE_ID = "reinstate-trip";
    static final String COMPLETION_ROUTE_ID = "complete-trip-cancellation";
    /** The saga option naming the booking: it travels unencoded in the participant URL, so it must be a UUID. */
    static final String BOOKING_ID = "bookingId";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final TripCancellations cancellations;

    public TripCancellationRoute(TripCancellations cancellations) {
        this.cancellations = cancellations;
    }

    @Override
    public void configure() {
        // The bookings topic's other events (BookingRequested, BookingConcluded) are not this step's.
        fromEvents(Topics.BOOKINGS, CONSUMER_ROUTE_ID)
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.BOOKING_CANCELLATION_REQUESTED))
                .process(TripCancellationRoute::bookingIdOption)
                .to("direct:" + STEP_ROUTE_ID);

        from("direct:" + STEP_ROUTE_ID).routeId(STEP_ROUTE_ID)
                // A failure goes back to the consumer route: its retries, then the dead-letter topic.
                .errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                    .compensation("direct:" + COMPENSATION_ROUTE_ID)
                    .completion("direct:" + COMPLETION_ROUTE_ID)
                .process(exchange -> cancellations.cancelTrip(exchange.getMessage().getBody(EventEnvelope.class),
                        text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION), text(exchange, EventHeaders.CORRELATION_ID)));

        // Called when the cancellation's LRA is cancelled (a refusal, a timeout), maybe twice, maybe first.
        from("direct:" + COMPENSATION_ROUTE_ID).routeId(COMPENSATION_ROUTE_ID)
                .process(exchange -> {
                    cancellations.reinstateTrip(bookingId(exchange), text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION));
                    exchange.getMessage().setBody(null); // the coordinator reads 200 with no body as "done"
                });

        from("direct:" + COMPLETION_ROUTE_ID).routeId(COMPLETION_ROUTE_ID)
                .process(exchange -> {
                    cancellations.completeCancellation(bookingId(exchange),
                            text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION));
                    exchange.getMessage().setBody(null);
                });
    }

    private static void bookingIdOption(Exchange exchange) {
        String bookingId = exchange.getMessage().getBody(EventEnvelope.class).aggregateId();
        if (!CANONICAL_UUID.matcher(bookingId).matches()) {
            throw new InvalidEventException("the booking id (aggregateId) must be a UUID: " + bookingId);
        }
        exchange.getMessage().setHeader(BOOKING_ID, bookingId);
    }

    private static UUID bookingId(Exchange exchange) {
        String bookingId = text(exchange, BOOKING_ID);
        if (bookingId == null || !CANONICAL_UUID.matcher(bookingId).matches()) {
            throw new IllegalArgumentException("Saga callback without a valid bookingId: " + bookingId);
        }
        return UUID.fromString(bookingId);
    }

    /** A header as text, whether Kafka delivered it as bytes or HTTP as a string. */
    private static String text(Exchange exchange, String header) {
        Object value = exchange.getMessage().getHeader(header);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }
}
