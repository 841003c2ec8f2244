package com.mobilityhub.users.credits;

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

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * user-service's step of the booking cancellation saga (BookingCancellationSaga in contracts):
 * {@code schedule-cancellation-fee} reacts to TripCancellationAccepted, joins the cancellation's LRA
 * and emits CancellationFeeScheduled. The money moves only in the completion
 * {@code charge-cancellation-fee}; the compensation {@code drop-cancellation-fee} has nothing to undo.
 */
@Component
public class CancelledBookingHoldSaga extends EventConsumerRouteBuilder {

    static final String BOOKING_ID = "bookingId";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CancelledBookingHolds cancellations;

    public CancelledBookingHoldSaga(CancelledBookingHolds cancellations) {
        this.cancellations = cancellations;
    }

    @Override
    public void configure() {
        // The trips topic's other events (trip lifecycle, booking saga) are not this step's.
        fromEvents(Topics.TRIPS, "trip-events")
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.TRIP_CANCELLATION_ACCEPTED))
                .process(CancelledBookingHoldSaga::bookingIdOption)
                .to("direct:schedule-cancellation-fee");

        from("direct:schedule-cancellation-fee").routeId("schedule-cancellation-fee")
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                    .compensation("direct:drop-cancellation-fee")
                    .completion("direct:charge-cancellation-fee")
                .process(exchange -> cancellations.scheduleFee(exchange.getMessage().getBody(EventEnvelope.class),
                        header(exchange, EventHeaders.LONG_RUNNING_ACTION), header(exchange, EventHeaders.CORRELATION_ID)));

        from("direct:charge-cancellation-fee").routeId("charge-cancellation-fee")
                .process(exchange -> cancellations.chargeFee(bookingId(exchange), header(exchange,
                        EventHeaders.LONG_RUNNING_ACTION)))
                .setBody(constant(""));

        from("direct:drop-cancellation-fee").routeId("drop-cancellation-fee")
                .process(exchange -> cancellations.dropFee(bookingId(exchange), header(exchange,
                        EventHeaders.LONG_RUNNING_ACTION)))
                .setBody(constant(""));
    }

    private static void bookingIdOption(Exchange exchange) {
        String bookingId = exchange.getMessage().getBody(EventEnvelope.class).aggregateId();
        if (!CANONICAL_UUID.matcher(bookingId).matches()) {
            throw new InvalidEventException("the booking id (aggregateId) must be a UUID: " + bookingId);
        }
        exchange.getMessage().setHeader(BOOKING_ID, bookingId);
    }

    private static String bookingId(Exchange exchange) {
        String bookingId = header(exchange, BOOKING_ID);
        if (bookingId == null || !CANONICAL_UUID.matcher(bookingId).matches()) {
            throw new IllegalArgumentException("Saga callback without a valid bookingId: " + bookingId);
        }
        return UUID.fromString(bookingId).toString();
    }

    /** Kafka headers arrive as byte[]; Camel converts them to text. */
    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
