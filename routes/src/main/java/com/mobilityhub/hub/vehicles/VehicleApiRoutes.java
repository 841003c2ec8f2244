package com.mobilityhub.hub.vehicles;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.contracts.api.vehicles.ChangeVehicleStatus;
import com.mobilityhub.contracts.api.vehicles.DiagnosticsView;
import com.mobilityhub.contracts.api.vehicles.FleetStatusView;
import com.mobilityhub.contracts.api.vehicles.RegisterVehicle;
import com.mobilityhub.contracts.api.vehicles.ReportDiagnostics;
import com.mobilityhub.contracts.api.vehicles.UpdateFirmware;
import com.mobilityhub.contracts.api.vehicles.VehicleLocationView;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.api.vehicles.VehicleView;
import com.mobilityhub.hub.services.ServiceRequest;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import java.util.Arrays;

import static com.mobilityhub.hub.api.ApiDocs.JSON;
import static com.mobilityhub.hub.api.ApiDocs.problems;
import static com.mobilityhub.hub.services.DomainService.VEHICLES;

/** {@code /vehicles} and {@code /fleet}: the fleet, its positions and diagnostics, owned by vehicle-service. */
@Component
public class VehicleApiRoutes extends ApiRouteBuilder {

    @Override
    protected void configureApi() {
        RestDefinition vehicles = rest("/vehicles").tag("vehicles");
        problems(vehicles.post()
                .id("register-vehicle")
                .description("Registers a vehicle; it starts AVAILABLE at the given location")
                .consumes(JSON).produces(JSON).type(RegisterVehicle.class)
                .responseMessage().code(201).message("The vehicle; Location names it").responseModel(VehicleView.class)
                    .header("Location").description("/api/v1/vehicles/{id}").dataType("string").endHeader()
                    .endResponseMessage(), 400, 409, 503)
                .to("direct:register-vehicle");
        problems(vehicles.get()
                .id("list-vehicles")
                .description("Lists vehicles, optionally only those in one status, a page at a time")
                .produces(JSON).outType(Page.class)
                .param().name("status").type(RestParamType.query).required(false).dataType("string")
                    .allowableValues(Arrays.stream(VehicleStatus.values()).map(Enum::name).toList())
                    .description("Only vehicles in this status").endParam()
                .param().name("page").type(RestParamType.query).required(false).dataType("integer")
                    .defaultValue("0").description("Zero-based page number").endParam()
                .param().name("size").type(RestParamType.query).required(false).dataType("integer")
                    .defaultValue(String.valueOf(Page.DEFAULT_SIZE)).description("Page size, at most " + Page.MAX_SIZE)
                    .endParam()
                .responseMessage().code(200).message("{items: [vehicle], page}").responseModel(Page.class)
                    .endResponseMessage(), 400, 503)
                .to("direct:list-vehicles");
        problems(vehicles.get("/{id}")
                .id("get-vehicle")
                .description("Reads a vehicle")
                .produces(JSON).outType(VehicleView.class)
                .responseMessage().code(200).message("The vehicle").responseModel(VehicleView.class)
                    .endResponseMessage(), 404, 503)
                .to("direct:get-vehicle");
        problems(vehicles.get("/{id}/location")
                .id("get-vehicle-location")
                .description("Last known position of a vehicle; stale when it is older than the freshness window")
                .produces(JSON).outType(VehicleLocationView.class)
                .responseMessage().code(200).message("{lat, lng, at, stale}").responseModel(VehicleLocationView.class)
                    .endResponseMessage(), 404, 503)
                .to("direct:get-vehicle-location");
        problems(vehicles.put("/{id}/location")
                .id("update-vehicle-location")
                .description("Records a vehicle's current position")
                .consumes(JSON).produces(JSON).type(GeoPoint.class).outType(VehicleView.class)
                .responseMessage().code(200).message("The vehicle").responseModel(VehicleView.class)
                    .endResponseMessage(), 400, 404, 503)
                .to("direct:update-vehicle-location");
        problems(vehicles.put("/{id}/status")
                .id("change-vehicle-status")
                .description("Sets a vehicle's status (an operator taking it to MAINTENANCE, back to AVAILABLE, ...)")
                .consumes(JSON).produces(JSON).type(ChangeVehicleStatus.class).outType(VehicleView.class)
                .responseMessage().code(200).message("The vehicle").responseModel(VehicleView.class)
                    .endResponseMessage(), 400, 404, 409, 503)
                .to("direct:change-vehicle-status");
        problems(vehicles.put("/{id}/firmware")
                .id("update-vehicle-firmware")
                .description("Records the firmware version now installed on a vehicle")
                .consumes(JSON).produces(JSON).type(UpdateFirmware.class).outType(VehicleView.class)
                .responseMessage().code(200).message("The vehicle").responseModel(VehicleView.class)
                    .endResponseMessage(), 400, 404, 503)
                .to("direct:update-vehicle-firmware");
        problems(vehicles.post("/{id}/diagnostics")
                .id("report-vehicle-diagnostics")
                .description("Stores a health report from a vehicle")
                .consumes(JSON).produces(JSON).type(ReportDiagnostics.class)
                .responseMessage().code(201).message("The stored report").responseModel(DiagnosticsView.class)
                    .endResponseMessage(), 400, 404, 503)
                .to("direct:report-vehicle-diagnostics");
        problems(vehicles.get("/{id}/diagnostics")
                .id("list-vehicle-diagnostics")
                .description("A vehicle's latest health reports, newest first")
                .produces(JSON).outType(DiagnosticsView[].class)
                .param().name("limit").type(RestParamType.query).required(false).dataType("integer")
                    .defaultValue(String.valueOf(Page.DEFAULT_SIZE)).description("At most this many reports, 1 to "
                            + Page.MAX_SIZE).endParam()
                .responseMessage().code(200).message("The reports").responseModel(DiagnosticsView[].class)
                    .endResponseMessage(), 400, 404, 503)
                .to("direct:list-vehicle-diagnostics");
        problems(rest("/fleet").tag("vehicles").get("/status")
                .id("get-fleet-status")
                .description("How many vehicles are in each status (every status listed, zero included) and the total")
                .produces(JSON).outType(FleetStatusView.class)
                .responseMessage().code(200).message("Counts per status").responseModel(FleetStatusView.class)
                    .endResponseMessage(), 503)
                .to("direct:get-fleet-status");

        from("direct:register-vehicle").routeId("register-vehicle")
                .process(ServiceRequest.post("/vehicles"))
                .to(VEHICLES.callEndpoint());
        from("direct:list-vehicles").routeId("list-vehicles")
                .process(ServiceRequest.get("/vehicles").forwardingQuery("status", "page", "size"))
                .to(VEHICLES.callEndpoint());
        from("direct:get-vehicle").routeId("get-vehicle")
                .process(ServiceRequest.get("/vehicles/{id}").of("Vehicle"))
                .to(VEHICLES.callEndpoint());
        from("direct:get-vehicle-location").routeId("get-vehicle-location")
                .process(ServiceRequest.get("/vehicles/{id}/location").of("Vehicle"))
                .to(VEHICLES.callEndpoint());
        from("direct:update-vehicle-location").routeId("update-vehicle-location")
                .process(ServiceRequest.put("/vehicles/{id}/location").of("Vehicle"))
                .to(VEHICLES.callEndpoint());
        from("direct:change-vehicle-status").routeId("change-vehicle-status")
                .process(ServiceRequest.put("/vehicles/{id}/status").of("Vehicle"))
                .to(VEHICLES.callEndpoint());
        from("direct:update-vehicle-firmware").routeId("update-vehicle-firmware")
                .process(ServiceRequest.put("/vehicles/{id}/firmware").of("Vehicle"))
                .to(VEHICLES.callEndpoint());
        from("direct:report-vehicle-diagnostics").routeId("report-vehicle-diagnostics")
                .process(ServiceRequest.post("/vehicles/{id}/diagnostics").of("Vehicle"))
                .to(VEHICLES.callEndpoint());
        from("direct:list-vehicle-diagnostics").routeId("list-vehicle-diagnostics")
                .process(ServiceRequest.get("/vehicles/{id}/diagnostics").of("Vehicle").forwardingQuery("limit"))
                .to(VEHICLES.callEndpoint());
        from("direct:get-fleet-status").routeId("get-fleet-status")
                .process(ServiceRequest.get("/fleet/status"))
                .to(VEHICLES.callEndpoint());
    }
}
