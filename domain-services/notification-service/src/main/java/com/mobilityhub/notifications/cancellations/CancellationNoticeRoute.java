package com.mobilityhub.notifications.cancellations;

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
 * notification-service's step of the booking cancellation saga (BookingCancellationSaga in contracts):
 * {@code schedule-cancellation-notice} joins the cancellation's LRA on VehicleReleaseScheduled; the notice
 * goes out in the completion {@code send-cancellation-notice}; {@code drop-cancellation-notice} has
 * nothing to undo.
 */
@Component
public class CancellationNoticeRoute extends EventConsumerRouteBuilder {

    static final String BOOKING_ID = "bookingId";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CancellationNotices notices;

    public CancellationNoticeRoute(CancellationNotices notices) {
        this.notices = notices;
    }

    @Override
    public void configure() {
        // The vehicles topic's other events (fleet, booking saga) are not this step's.
        fromEvents(Topics.VEHICLES, "vehicle-events")
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.VEHICLE_RELEASE_SCHEDULED))
                .process(CancellationNoticeRoute::bookingIdOption)
                .to("direct:schedule-cancellation-notice");

        from("direct:schedule-cancellation-notice").routeId("schedule-cancellation-notice")
                // A failure goes back to the consumer route: its retries, then the dead-letter topic.
                .errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                    .compensation("direct:drop-cancellation-notice")
                    .completion("direct:send-cancellation-notice")
                .process(exchange -> notices.scheduleNotice(exchange.getMessage().getBody(EventEnvelope.class),
                        text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION), text(exchange, EventHeaders.CORRELATION_ID)));

        from("direct:send-cancellation-notice").routeId("send-cancellation-notice")
                .process(exchange -> {
                    notices.sendNotice(bookingId(exchange), text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION));
                    exchange.getMessage().setBody(null); // the coordinator reads 200 with no body as "done"
                });

        from("direct:drop-cancellation-notice").routeId("drop-cancellation-notice")
                .process(exchange -> {
                    notices.dropNotice(bookingId(exchange), text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION));
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
