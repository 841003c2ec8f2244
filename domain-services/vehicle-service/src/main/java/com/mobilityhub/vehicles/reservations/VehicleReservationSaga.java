package com.mobilityhub.vehicles.reservations;

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
 * vehicle-service's step of the booking saga (BookingSaga in contracts): {@code reserve-vehicle}
 * reacts to CreditsReserved (the users topic's other events are ignored), joins the booking's LRA
 * (the record's Long-Running-Action header; MANDATORY: no LRA, no step) and emits VehicleReserved or
 * VehicleUnavailable. The coordinator later calls {@code release-vehicle} (cancelled LRA) or
 * {@code confirm-vehicle-reservation} (closed LRA).
 */
@Component
public class VehicleReservationSaga extends EventConsumerRouteBuilder {

    /** The saga option naming the booking: it travels unencoded in the participant URL, so it must be a UUID. */
    static final String BOOKING_ID = "bookingId";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final VehicleReservations reservations;

    public VehicleReservationSaga(VehicleReservations reservations) {
        this.reservations = reservations;
    }

    @Override
    public void configure() {
        // Only CreditsReserved starts the step; the topic's other events must not join any LRA.
        fromEvents(Topics.USERS, "user-events")
                .filter(header(EventHeaders.EVENT_TYPE).in(EventTypes.CREDITS_RESERVED, EventTypes.CANCELLATION_FEE_SCHEDULED))
                .process(VehicleReservationSaga::bookingIdOption)
                // One consumer per topic in this app's group: the cancellation saga's step is handed its event here.
                .choice()
                    .when(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.CANCELLATION_FEE_SCHEDULED))
                        .to(ReservationCancellationSaga.STEP)
                    .otherwise()
                        .to("direct:reserve-vehicle");

        from("direct:reserve-vehicle").routeId("reserve-vehicle")
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(BOOKING_ID, header(BOOKING_ID))
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header(BOOKING_ID)))
                    .compensation("direct:release-vehicle")
                    .completion("direct:confirm-vehicle-reservation")
                .process(exchange -> reservations.reserve(exchange.getMessage().getBody(EventEnvelope.class),
                        header(exchange, EventHeaders.LONG_RUNNING_ACTION), header(exchange, EventHeaders.CORRELATION_ID)));

        // The compensation: the coordinator calls it when the LRA is cancelled (also for a step that
        // failed, or one that never ran here); it may come twice.
        from("direct:release-vehicle").routeId("release-vehicle")
                .process(exchange -> reservations.release(bookingId(exchange),
                        header(exchange, EventHeaders.LONG_RUNNING_ACTION)))
                .setBody(constant(""));

        from("direct:confirm-vehicle-reservation").routeId("confirm-vehicle-reservation")
                .process(exchange -> reservations.confirm(bookingId(exchange)))
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
