package com.mobilityhub.trips.trip;

import com.mobilityhub.contracts.api.trips.CompleteTrip;
import com.mobilityhub.contracts.api.trips.RecordLocation;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.JsonRequests;
import org.springframework.stereotype.Component;

import static com.mobilityhub.trips.Requests.bodyText;
import static com.mobilityhub.trips.Requests.uuid;

/**
 * {@code POST /trips/{id}/start}, {@code /locations} and {@code /complete}: the rider's trip. Each answers
 * the trip as it now stands; an illegal transition is a 409 problem and changes nothing.
 */
@Component
public class TripLifecycleApiRoutes extends ApiRouteBuilder {

    private final TripLifecycle lifecycle;
    private final JsonRequests requests;

    public TripLifecycleApiRoutes(TripLifecycle lifecycle, JsonRequests requests) {
        this.lifecycle = lifecycle;
        this.requests = requests;
    }

    @Override
    protected void configureApi() {
        rest("/trips")
                .post("/{id}/start").to("direct:start-trip")
                .post("/{id}/locations").to("direct:record-trip-location")
                .post("/{id}/complete").to("direct:complete-trip");

        from("direct:start-trip").routeId("start-trip")
                .process(exchange -> respond(exchange, 200, lifecycle.start(uuid(exchange, "id"))));
        from("direct:record-trip-location").routeId("record-trip-location")
                .process(exchange -> {
                    var id = uuid(exchange, "id");
                    RecordLocation location = requests.read(bodyText(exchange), RecordLocation.class);
                    respond(exchange, 200, lifecycle.recordLocation(id, location));
                });
        from("direct:complete-trip").routeId("complete-trip")
                .process(exchange -> {
                    var id = uuid(exchange, "id");
                    CompleteTrip measured = requests.read(bodyText(exchange), CompleteTrip.class);
                    respond(exchange, 200, lifecycle.complete(id, measured));
                });
    }
}
