package com.mobilityhub.vehicles.reservations;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.kit.security.SagaCallbackToken;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * vehicle-service's step of the booking cancellation saga (BookingCancellationSaga in contracts):
 * {@code schedule-vehicle-release} joins the cancellation's LRA on CancellationFeeScheduled (the users
 * topic's one consumer, in {@link VehicleReservationSaga}, hands it over) and emits
 * VehicleReleaseScheduled. The vehicle is freed only by the completion {@code release-cancelled-reservation};
 * the compensation {@code drop-vehicle-release} has nothing to undo.
 */
@Component
public class ReservationCancellationSaga extends RouteBuilder {

    static final String STEP = "direct:schedule-vehicle-release";
    static final String BOOKING_ID = "bookingId";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final ReservationCancellations cancellations;

    public ReservationCancellationSaga(ReservationCancellations cancellations) {
        this.cancellations = cancellations;
    }

    @Override
    public void configure() {
        from(STEP).routeId("schedule-vehicle-release")
                // A failure goes back to the consumer route: its retries, then the dead-letter topic.
                .errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                    .compensation("direct:drop-vehicle-release")
                    .completion("direct:release-cancelled-reservation")
                .process(exchange -> cancellations.scheduleRelease(exchange.getMessage().getBody(EventEnvelope.class),
                        header(exchange, EventHeaders.LONG_RUNNING_ACTION), header(exchange, EventHeaders.CORRELATION_ID)));

        from("direct:release-cancelled-reservation").routeId("release-cancelled-reservation")
                .process(exchange -> cancellations.releaseReservation(bookingId(exchange),
                        header(exchange, EventHeaders.LONG_RUNNING_ACTION)))
                .setBody(constant(""));

        from("direct:drop-vehicle-release").routeId("drop-vehicle-release")
                .process(exchange -> cancellations.dropRelease(bookingId(exchange),
                        header(exchange, EventHeaders.LONG_RUNNING_ACTION)))
                .setBody(constant(""));
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
