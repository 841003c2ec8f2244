package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.kit.security.SagaCallbackToken;
import org.apache.camel.Exchange;
import org.apache.camel.ExchangePattern;
import org.apache.camel.LoggingLevel;
import org.apache.camel.ProducerTemplate;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.model.SagaCompletionMode;
import org.apache.camel.model.SagaPropagation;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hub's two ends of the booking cancellation saga (see contracts' {@code BookingCancellationSaga}):
 * <ul>
 *   <li>{@code start-cancellation}: starts the cancellation's own LRA (manual completion, time limit),
 *       joins it with {@code keep-booking} / {@code cancel-booking}, and opens the attempt with its
 *       BookingCancellationRequested event in one transaction;</li>
 *   <li>{@code cancel-booking} / {@code keep-booking}: the coordinator's completion and compensation callbacks;</li>
 *   <li>{@code close-cancellation-saga}: asks the coordinator to close or cancel the LRA once the last
 *       step's event or the refusal arrived; {@code retry-cancellation-saga-closes} repeats unanswered ones.</li>
 * </ul>
 */
@Component
public class BookingCancellationRoutes extends RouteBuilder {

    static final String START = "direct:start-cancellation";
    static final String CLOSE = "seda:close-cancellation-saga";

    /** Exchange headers. */
    static final String BOOKING_ID = "bookingId";
    static final String CORRELATION_ID = "mobilityHubCorrelationId";
    static final String CLOSE_REQUEST = "mobilityHubCloseRequest";
    /** Set by the start route: whether the attempt was opened under the new LRA (false: a concurrent one won). */
    static final String OPENED = "mobilityHubCancellationOpened";

    private static final Logger LOG = LoggerFactory.getLogger(BookingCancellationRoutes.class);
    private static final int RETRY_BATCH = 200;

    private final BookingCancellations cancellations;
    private final BookingCancellationProperties properties;
    private final BookingProperties bookingProperties;
    private final LraEnds lraEnds;
    private final ProducerTemplate producer;
    private final Set<UUID> closing = ConcurrentHashMap.newKeySet();

    public BookingCancellationRoutes(BookingCancellations cancellations, BookingCancellationProperties properties,
                                     BookingProperties bookingProperties, LraEnds lraEnds, ProducerTemplate producer) {
        this.cancellations = cancellations;
        this.properties = properties;
        this.bookingProperties = bookingProperties;
        this.lraEnds = lraEnds;
        this.producer = producer;
    }

    @Override
    public void configure() {
        from(START).routeId("start-cancellation")
                // Failures go back to the caller, which cancels a half-started LRA and answers 503.
                .errorHandler(noErrorHandler())
                .saga()
                    .propagation(SagaPropagation.REQUIRES_NEW)
                    .completionMode(SagaCompletionMode.MANUAL)
                    .timeout(properties.sagaTimeout())
                    .compensation("direct:keep-booking")
                    .completion("direct:cancel-booking")
                    // A UUID string: options travel unencoded in the participant URL.
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                .process(exchange -> exchange.getMessage().setHeader(OPENED, cancellations.open(bookingId(exchange),
                        lraId(exchange), exchange.getMessage().getHeader(CORRELATION_ID, String.class))));

        from("direct:cancel-booking").routeId("cancel-booking")
                .process(exchange -> cancellations.cancelBooking(bookingId(exchange), lraId(exchange)))
                .process(BookingCancellationRoutes::answerCoordinator);

        from("direct:keep-booking").routeId("keep-booking")
                .process(exchange -> cancellations.keepBooking(bookingId(exchange), lraId(exchange)))
                .process(BookingCancellationRoutes::answerCoordinator);

        from(CLOSE + "?concurrentConsumers=" + bookingProperties.closeConsumers() + "&size=100000")
                .routeId("close-cancellation-saga")
                .errorHandler(noErrorHandler())
                .doTry()
                    .process(exchange -> lraEnds.end(lraId(exchange), Booking.CloseRequest.valueOf(
                            exchange.getMessage().getHeader(CLOSE_REQUEST, String.class))))
                .doCatch(Exception.class)
                    .log(LoggingLevel.WARN, "Ending cancellation saga ${header." + EventHeaders.LONG_RUNNING_ACTION
                            + "} (${header." + CLOSE_REQUEST + "}) failed, will retry: ${exception.message}")
                .doFinally()
                    .process(exchange -> closing.remove(bookingId(exchange)))
                .end();

        from("timer:retry-cancellation-saga-closes?period=" + bookingProperties.closeRetryPeriod().toMillis())
                .routeId("retry-cancellation-saga-closes")
                .process(exchange -> retryUnanswered());
    }

    /** Queues the close or cancel of a cancellation's LRA; returns at once. */
    void requestClose(UUID bookingId, String lraId, Booking.CloseRequest request) {
        if (!closing.add(bookingId)) {
            return;
        }
        try {
            producer.send(CLOSE, exchange -> {
                exchange.setPattern(ExchangePattern.InOnly);
                exchange.getMessage().setHeaders(Map.of(EventHeaders.LONG_RUNNING_ACTION, lraId,
                        BOOKING_ID, bookingId.toString(), CLOSE_REQUEST, request.name()));
            });
        } catch (RuntimeException e) {
            closing.remove(bookingId);
            throw e;
        }
    }

    /** Best effort: an LRA this hub started but could not use; its time limit ends it otherwise. */
    void cancelUnused(String lraId) {
        try {
            lraEnds.end(lraId, Booking.CloseRequest.COMPENSATE);
        } catch (RuntimeException e) {
            LOG.warn("Cancelling unused cancellation LRA {} failed ({}); its time limit will end it", lraId, e.getMessage());
        }
    }

    private void retryUnanswered() {
        Instant before = Instant.now().minus(bookingProperties.closeRetryPeriod().multipliedBy(3));
        for (BookingCancellation attempt : cancellations.unansweredCloses(before, RETRY_BATCH)) {
            LOG.info("Retrying the end of cancellation LRA {} of booking {} ({}): no callback yet",
                    attempt.lraId(), attempt.bookingId(), attempt.state());
            requestClose(attempt.bookingId(), attempt.lraId(), attempt.state() == BookingCancellation.State.CLOSING
                    ? Booking.CloseRequest.COMPLETE : Booking.CloseRequest.COMPENSATE);
        }
    }

    private static UUID bookingId(Exchange exchange) {
        // On a callback the option comes back as a query parameter.
        return UUID.fromString(exchange.getMessage().getHeader(BOOKING_ID, String.class));
    }

    private static String lraId(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
    }

    private static void answerCoordinator(Exchange exchange) {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        exchange.getMessage().setBody(null);
    }
}
