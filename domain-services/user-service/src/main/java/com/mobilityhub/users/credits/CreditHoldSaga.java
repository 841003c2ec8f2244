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
 * user-service's step of the booking saga (BookingSaga in contracts): {@code reserve-credits}
 * reacts to BookingRequested, joins the booking's LRA (the record's Long-Running-Action header;
 * MANDATORY: no LRA, no step) and emits CreditsReserved or CreditsRejected. The coordinator later
 * calls {@code release-credits} (cancelled LRA) or {@code confirm-credit-hold} (closed LRA).
 */
@Component
public class CreditHoldSaga extends EventConsumerRouteBuilder {

    /** The saga option naming the booking: it travels unencoded in the participant URL, so it must be a UUID. */
    static final String BOOKING_ID = "bookingId";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CreditHolds holds;

    public CreditHoldSaga(CreditHolds holds) {
        this.holds = holds;
    }

    @Override
    public void configure() {
        // Only BookingRequested starts the step; the topic's other events must not join the LRA.
        fromEvents(Topics.BOOKINGS, "booking-events")
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.BOOKING_REQUESTED))
                .process(CreditHoldSaga::bookingIdOption)
                .to("direct:reserve-credits");

        from("direct:reserve-credits").routeId("reserve-credits")
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                    .compensation("direct:release-credits")
                    .completion("direct:confirm-credit-hold")
                .process(exchange -> holds.reserve(exchange.getMessage().getBody(EventEnvelope.class),
                        lraId(exchange), header(exchange, EventHeaders.CORRELATION_ID)));

        // The compensation: the coordinator calls it when the LRA is cancelled (also for a step that
        // failed, or one that never ran here); it may come twice.
        from("direct:release-credits").routeId("release-credits")
                .process(exchange -> holds.release(bookingId(exchange), lraId(exchange)))
                .setBody(constant(""));

        from("direct:confirm-credit-hold").routeId("confirm-credit-hold")
                .process(exchange -> holds.confirm(bookingId(exchange)))
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
    private static String lraId(Exchange exchange) {
        return header(exchange, EventHeaders.LONG_RUNNING_ACTION);
    }

    private static String header(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }
}
