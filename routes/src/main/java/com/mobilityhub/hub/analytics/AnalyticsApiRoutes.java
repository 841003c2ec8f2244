package com.mobilityhub.hub.analytics;

import com.mobilityhub.contracts.api.trips.TripAnalyticsView;
import com.mobilityhub.hub.services.ServiceRequest;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.springframework.stereotype.Component;

import static com.mobilityhub.hub.api.ApiDocs.JSON;
import static com.mobilityhub.hub.api.ApiDocs.problems;
import static com.mobilityhub.hub.services.DomainService.TRIPS;

/** {@code /analytics}: completed trips summed per vehicle and per rider, kept by trip-service from trip and billing events. */
@Component
public class AnalyticsApiRoutes extends ApiRouteBuilder {

    @Override
    protected void configureApi() {
        RestDefinition analytics = rest("/analytics").tag("analytics");
        problems(analytics.get("/vehicles/{id}")
                .id("get-vehicle-analytics")
                .description("A vehicle's completed trips: count, distance, duration, energy and invoiced revenue"
                        + " (zeros when it has none yet; figures follow the events within moments)")
                .produces(JSON).outType(TripAnalyticsView.class)
                .responseMessage().code(200).message("The figures").responseModel(TripAnalyticsView.class)
                    .endResponseMessage(), 404, 503)
                .to("direct:get-vehicle-analytics");
        problems(analytics.get("/users/{id}")
                .id("get-user-analytics")
                .description("A rider's completed trips: count, distance, duration, energy and invoiced revenue")
                .produces(JSON).outType(TripAnalyticsView.class)
                .responseMessage().code(200).message("The figures").responseModel(TripAnalyticsView.class)
                    .endResponseMessage(), 404, 503)
                .to("direct:get-user-analytics");

        from("direct:get-vehicle-analytics").routeId("get-vehicle-analytics")
                .process(ServiceRequest.get("/analytics/vehicles/{id}").of("Vehicle"))
                .to(TRIPS.callEndpoint());
        from("direct:get-user-analytics").routeId("get-user-analytics")
                .process(ServiceRequest.get("/analytics/users/{id}").of("User"))
                .to(TRIPS.callEndpoint());
    }
}
