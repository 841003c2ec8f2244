package com.mobilityhub.trips.trip;

import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.trips.Requests;
import org.springframework.stereotype.Component;

import static com.mobilityhub.trips.Requests.uuid;

/** {@code GET /trips/{id}} and {@code GET /trips?userId=&status=&page=&size=} (newest first). */
@Component
public class TripApiRoutes extends ApiRouteBuilder {

    private final Trips trips;

    public TripApiRoutes(Trips trips) {
        this.trips = trips;
    }

    @Override
    protected void configureApi() {
        rest("/trips")
                .get().to("direct:list-trips")
                .get("/{id}").to("direct:get-trip");

        from("direct:get-trip").routeId("get-trip")
                .process(exchange -> respond(exchange, 200, trips.find(uuid(exchange, "id"))));
        from("direct:list-trips").routeId("list-trips")
                .process(exchange -> respond(exchange, 200, trips.listForUser(
                        uuid(exchange, "userId"),
                        Requests.optionalEnum(exchange, "status", TripStatus.class),
                        Requests.page(exchange))));
    }
}
