package com.mobilityhub.hub.trips;

import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.contracts.api.trips.CompleteTrip;
import com.mobilityhub.contracts.api.trips.RecordLocation;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.api.trips.TripView;
import com.mobilityhub.hub.services.ServiceRequest;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import java.util.Arrays;

import static com.mobilityhub.hub.api.ApiDocs.JSON;
import static com.mobilityhub.hub.api.ApiDocs.problems;
import static com.mobilityhub.hub.services.DomainService.TRIPS;

/**
 * {@code /trips}: the rider's trip, owned by trip-service. Starting and completing are the trip's
 * lifecycle (409 when the trip's status does not allow it); completing starts the completion
 * choreography (mileage, analytics, billing, receipt) in the services, not here.
 */
@Component
public class TripApiRoutes extends ApiRouteBuilder {

    @Override
    protected void configureApi() {
        RestDefinition trips = rest("/trips").tag("trips");
        problems(trips.post("/{id}/start")
                .id("start-trip")
                .description("The rider sets off: CREATED -> IN_PROGRESS; the vehicle becomes IN_USE")
                .produces(JSON).outType(TripView.class)
                .responseMessage().code(200).message("The trip, IN_PROGRESS").responseModel(TripView.class)
                    .endResponseMessage(), 404, 409, 503)
                .to("direct:start-trip");
        problems(trips.post("/{id}/locations")
                .id("record-trip-location")
                .description("Appends a tracking point to a running trip's route")
                .consumes(JSON).produces(JSON).type(RecordLocation.class).outType(TripView.class)
                .responseMessage().code(200).message("The trip with its route").responseModel(TripView.class)
                    .endResponseMessage(), 400, 404, 409, 503)
                .to("direct:record-trip-location");
        problems(trips.post("/{id}/complete")
                .id("complete-trip")
                .description("The rider arrived: IN_PROGRESS -> COMPLETED with what the vehicle measured (exact decimals)."
                        + " Mileage, analytics, the invoice and the receipt follow asynchronously")
                .consumes(JSON).produces(JSON).type(CompleteTrip.class).outType(TripView.class)
                .responseMessage().code(200).message("The trip, COMPLETED").responseModel(TripView.class)
                    .endResponseMessage(), 400, 404, 409, 503)
                .to("direct:complete-trip");
        problems(trips.get("/{id}")
                .id("get-trip")
                .description("Reads a trip with its route")
                .produces(JSON).outType(TripView.class)
                .responseMessage().code(200).message("The trip").responseModel(TripView.class)
                    .endResponseMessage(), 404, 503)
                .to("direct:get-trip");
        problems(trips.get()
                .id("list-trips")
                .description("A rider's trips, newest first, optionally only those in one status, a page at a time")
                .produces(JSON).outType(Page.class)
                .param().name("userId").type(RestParamType.query).required(true).dataType("string")
                    .description("The rider").endParam()
                .param().name("status").type(RestParamType.query).required(false).dataType("string")
                    .allowableValues(Arrays.stream(TripStatus.values()).map(Enum::name).toList())
                    .description("Only trips in this status").endParam()
                .param().name("page").type(RestParamType.query).required(false).dataType("integer")
                    .defaultValue("0").description("Zero-based page number").endParam()
                .param().name("size").type(RestParamType.query).required(false).dataType("integer")
                    .defaultValue(String.valueOf(Page.DEFAULT_SIZE)).description("Page size, at most " + Page.MAX_SIZE)
                    .endParam()
                .responseMessage().code(200).message("{items: [trip], page}").responseModel(Page.class)
                    .endResponseMessage(), 400, 503)
                .to("direct:list-trips");

        from("direct:start-trip").routeId("start-trip")
                .process(ServiceRequest.post("/trips/{id}/start").of("Trip"))
                .to(TRIPS.callEndpoint());
        from("direct:record-trip-location").routeId("record-trip-location")
                .process(ServiceRequest.post("/trips/{id}/locations").of("Trip"))
                .to(TRIPS.callEndpoint());
        from("direct:complete-trip").routeId("complete-trip")
                .process(ServiceRequest.post("/trips/{id}/complete").of("Trip"))
                .to(TRIPS.callEndpoint());
        from("direct:get-trip").routeId("get-trip")
                .process(ServiceRequest.get("/trips/{id}").of("Trip"))
                .to(TRIPS.callEndpoint());
        from("direct:list-trips").routeId("list-trips")
                .process(ServiceRequest.get("/trips").forwardingQuery("userId", "status", "page", "size"))
                .to(TRIPS.callEndpoint());
    }
}
