package com.mobilityhub.trips.analytics;

import com.mobilityhub.kit.api.ApiRouteBuilder;
import org.springframework.stereotype.Component;

import static com.mobilityhub.trips.Requests.uuid;

/** {@code GET /analytics/vehicles/{id}} and {@code /analytics/users/{id}}: completed trips summed (zeros when none). */
@Component
public class TripAnalyticsApiRoutes extends ApiRouteBuilder {

    private final TripAnalytics analytics;

    public TripAnalyticsApiRoutes(TripAnalytics analytics) {
        this.analytics = analytics;
    }

    @Override
    protected void configureApi() {
        rest("/analytics")
                .get("/vehicles/{id}").to("direct:vehicle-analytics")
                .get("/users/{id}").to("direct:user-analytics");

        from("direct:vehicle-analytics").routeId("vehicle-analytics")
                .process(exchange -> respond(exchange, 200, analytics.ofVehicle(uuid(exchange, "id"))));
        from("direct:user-analytics").routeId("user-analytics")
                .process(exchange -> respond(exchange, 200, analytics.ofUser(uuid(exchange, "id"))));
    }
}
