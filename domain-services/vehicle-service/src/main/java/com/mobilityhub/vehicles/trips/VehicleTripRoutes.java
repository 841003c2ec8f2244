package com.mobilityhub.vehicles.trips;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * vehicle-service's part of a trip's life (trip completion choreography): TripStarted puts the vehicle
 * IN_USE, TripCompleted adds the mileage and frees it. The trips topic's saga events pass by.
 */
@Component
public class VehicleTripRoutes extends EventConsumerRouteBuilder {

    private final VehicleTrips trips;

    public VehicleTripRoutes(VehicleTrips trips) {
        this.trips = trips;
    }

    @Override
    public void configure() {
        fromEvents(Topics.TRIPS, "trip-events")
                .choice()
                    .when(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.TRIP_STARTED))
                        .process(exchange -> trips.tripStarted(exchange.getMessage().getBody(EventEnvelope.class)))
                    .when(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.TRIP_COMPLETED))
                        .process(exchange -> trips.tripCompleted(exchange.getMessage().getBody(EventEnvelope.class)))
                .end();
    }
}
