package com.mobilityhub.trips.booking;

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
 * Booking saga step {@code create-trip} (see contracts' BookingSaga): VehicleReserved joins the
 * booking's LRA with compensation {@code cancel-trip} and completion {@code confirm-trip}, then
 * creates the trip. The undo and the confirmation stand right under the step they belong to.
 */
@Component
public class CreateTripRoute extends EventConsumerRouteBuilder {

    static final String CONSUMER_ROUTE_ID = "vehicle-events";
    static final String STEP_ROUTE_ID = "create-trip";
    static final String COMPENSATION_ROUTE_ID = "cancel-trip";
    static final String COMPLETION_ROUTE_ID = "confirm-trip";

    private final TripBookings bookings;

    public CreateTripRoute(TripBookings bookings) {
        this.bookings = bookings;
    }

    @Override
    public void configure() {
        // Other vehicle events carry no LRA: they must not reach the MANDATORY join.
        fromEvents(Topics.VEHICLES, CONSUMER_ROUTE_ID)
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.VEHICLE_RESERVED))
                .to("direct:" + STEP_ROUTE_ID);

        from("direct:" + STEP_ROUTE_ID).routeId(STEP_ROUTE_ID)
                // A failure goes back to the consumer route: its retries, then the dead-letter topic.
                .errorHandler(noErrorHandler())
                .saga().propagation(SagaPropagation.MANDATORY)
                    .option(SagaExchanges.BOOKING_ID, SagaExchanges.bookingIdFromRecordKey())
                    .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(SagaExchanges.bookingIdFromRecordKey()))
                    .compensation("direct:" + COMPENSATION_ROUTE_ID)
                    .completion("direct:" + COMPLETION_ROUTE_ID)
                .process(exchange -> bookings.createTrip(exchange.getMessage().getBody(EventEnvelope.class),
                        SagaExchanges.text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION),
                        SagaExchanges.text(exchange, EventHeaders.CORRELATION_ID)));

        from("direct:" + COMPENSATION_ROUTE_ID).routeId(COMPENSATION_ROUTE_ID)
                .process(exchange -> {
                    SagaExchanges.bookingIdOption(exchange).ifPresent(bookingId -> bookings.cancelTrip(bookingId,
                            SagaExchanges.text(exchange, Exchange.SAGA_LONG_RUNNING_ACTION)));
                    exchange.getMessage().setBody(null); // the coordinator reads 200 with no body as "done"
                });

        from("direct:" + COMPLETION_ROUTE_ID).routeId(COMPLETION_ROUTE_ID)
                .process(exchange -> {
                    SagaExchanges.bookingIdOption(exchange).ifPresent(bookings::confirmTrip);
                    exchange.getMessage().setBody(null);
                });
    }
}
