package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.api.bookings.RequestBooking;
import com.mobilityhub.kit.security.SagaCallbackToken;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * The hub's two ends of the booking saga (see {@code BookingSaga}):
 * <ul>
 *   <li>{@code start-booking}: starts the LRA (manual completion, time limit), joins it with
 *       {@code reject-booking} / {@code confirm-booking}, stores the booking PENDING and its
 *       BookingRequested event in one transaction;</li>
 *   <li>{@code confirm-booking} / {@code reject-booking}: the coordinator's completion and
 *       compensation callbacks;</li>
 *   <li>{@code close-booking-saga}: asks the coordinator to close or cancel the LRA (what
 *       saga:complete / saga:compensate do, with a timeout: {@link LraEnds}) once a terminal event arrived; {@code retry-booking-saga-closes} repeats
 *       unanswered ones (coordinator down: the caller must retry the close).</li>
 * </ul>
 */
@Component
public class BookingSagaRoutes extends RouteBuilder {

    public static final String START = "direct:start-booking";
    public static final String CLOSE = "seda:close-booking-saga";

    /** Exchange headers of the start route. */
    static final String BOOKING_ID = "bookingId";
    static final String FARE = "mobilityHubFare";
    static final String IDEMPOTENCY_KEY = "mobilityHubIdempotencyKey";
    static final String REQUEST_HASH = "mobilityHubRequestHash";
    static final String CORRELATION_ID = "mobilityHubCorrelationId";
    /** Header of the close route: COMPLETE or COMPENSATE. */
    static final String CLOSE_REQUEST = "mobilityHubCloseRequest";

    private final Bookings bookings;
    private final BookingProperties properties;
    private final SagaCloses closes;
    private final LraEnds lraEnds;

    public BookingSagaRoutes(Bookings bookings, BookingProperties properties, SagaCloses closes, LraEnds lraEnds) {
        this.bookings = bookings;
        this.properties = properties;
        this.closes = closes;
        this.lraEnds = lraEnds;
    }

    @Override
    public void configure() {
        from(START).routeId("start-booking")
                // Failures go back to the caller, which cancels a half-started LRA and answers 503.
                .errorHandler(noErrorHandler())
                .saga()
                    .propagation(SagaPropagation.REQUIRES_NEW)
                    .completionMode(SagaCompletionMode.MANUAL)
                    .timeout(properties.sagaTimeout())
                    .compensation("direct:reject-booking")
                    .completion("direct:confirm-booking")
                    // A UUID string: options travel unencoded in the participant URL.
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                .process(this::storeBooking);

        from("direct:confirm-booking").routeId("confirm-booking")
                .process(exchange -> bookings.confirm(bookingId(exchange)))
                .process(BookingSagaRoutes::answerCoordinator);

        from("direct:reject-booking").routeId("reject-booking")
                .process(exchange -> bookings.reject(bookingId(exchange)))
                .process(BookingSagaRoutes::answerCoordinator);

        from(CLOSE + "?concurrentConsumers=" + properties.closeConsumers() + "&size=100000")
                .routeId("close-booking-saga")
                .errorHandler(noErrorHandler())
                .doTry()
                    // saga:complete / saga:compensate, with a timeout (see LraEnds)
                    .process(exchange -> lraEnds.end(
                            exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class),
                            Booking.CloseRequest.valueOf(exchange.getMessage().getHeader(CLOSE_REQUEST, String.class))))
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Closing saga ${header." + EventHeaders.LONG_RUNNING_ACTION + "} ("
                            + "${header." + CLOSE_REQUEST + "}) failed, will retry: ${exception.message}")
                .doFinally()
                    .process(exchange -> closes.finished(exchange.getMessage().getHeader(BOOKING_ID, String.class)))
                .end();

        from("timer:retry-booking-saga-closes?period=" + properties.closeRetryPeriod().toMillis())
                .routeId("retry-booking-saga-closes")
                .process(exchange -> closes.retryUnanswered());
    }

    private void storeBooking(Exchange exchange) {
        var message = exchange.getMessage();
        String lraId = message.getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
        bookings.open(UUID.fromString(message.getHeader(BOOKING_ID, String.class)),
                message.getBody(RequestBooking.class),
                message.getHeader(FARE, BigDecimal.class),
                lraId,
                message.getHeader(IDEMPOTENCY_KEY, String.class),
                message.getHeader(REQUEST_HASH, String.class),
                message.getHeader(CORRELATION_ID, String.class));
    }

    private static UUID bookingId(Exchange exchange) {
        // The option comes back as a query parameter of the coordinator's callback.
        return UUID.fromString(exchange.getMessage().getHeader(BOOKING_ID, String.class));
    }

    private static void answerCoordinator(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody(null);
    }
}
