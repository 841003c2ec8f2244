package com.mobilityhub.trips.analytics;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * The completion choreography's analytics step: trip-service consumes its own TripCompleted (and
 * billing's InvoiceIssued for revenue) like any other participant would, so analytics never hold up
 * the rider's complete request.
 */
@Component
public class TripAnalyticsRoutes extends EventConsumerRouteBuilder {

    private final TripAnalytics analytics;

    public TripAnalyticsRoutes(TripAnalytics analytics) {
        this.analytics = analytics;
    }

    @Override
    public void configure() {
        fromEvents(Topics.TRIPS, "trip-analytics")
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.TRIP_COMPLETED))
                .process(exchange -> analytics.recordCompletedTrip(exchange.getMessage().getBody(EventEnvelope.class)));

        fromEvents(Topics.BILLING, "trip-revenue")
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.INVOICE_ISSUED))
                .process(exchange -> analytics.recordRevenue(exchange.getMessage().getBody(EventEnvelope.class)));
    }
}
