package com.mobilityhub.vehicles.fleet;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.vehicles.ChangeVehicleStatus;
import com.mobilityhub.contracts.api.vehicles.RegisterVehicle;
import com.mobilityhub.contracts.api.vehicles.UpdateFirmware;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.api.vehicles.VehicleView;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.JsonRequests;
import com.mobilityhub.vehicles.Requests;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import static com.mobilityhub.vehicles.Requests.bodyText;
import static com.mobilityhub.vehicles.Requests.uuid;

/** REST API of the fleet: registration, reads, fleet status, and the operator's changes to a vehicle. */
@Component
public class FleetApiRoutes extends ApiRouteBuilder {

    private final Fleet fleet;
    private final JsonRequests requests;

    public FleetApiRoutes(Fleet fleet, JsonRequests requests) {
        this.fleet = fleet;
        this.requests = requests;
    }

    @Override
    protected void configureApi() {
        rest("/vehicles")
                .post().to("direct:register-vehicle")
                .get().to("direct:list-vehicles")
                .get("/{id}").to("direct:get-vehicle")
                .put("/{id}/status").to("direct:change-vehicle-status")
                .put("/{id}/firmware").to("direct:update-vehicle-firmware")
                .get("/{id}/location").to("direct:get-vehicle-location")
                .put("/{id}/location").to("direct:update-vehicle-location");
        rest("/fleet")
                .get("/status").to("direct:get-fleet-status");

        from("direct:register-vehicle").routeId("register-vehicle")
                .process(this::register);
        from("direct:list-vehicles").routeId("list-vehicles")
                .process(exchange -> respond(exchange, 200, fleet.list(
                        Requests.optionalEnum(exchange, "status", VehicleStatus.class), Requests.page(exchange))));
        from("direct:get-vehicle").routeId("get-vehicle")
                .process(exchange -> respond(exchange, 200, fleet.find(uuid(exchange, "id"))));
        from("direct:change-vehicle-status").routeId("change-vehicle-status")
                .process(exchange -> {
                    var id = uuid(exchange, "id");
                    var command = requests.read(bodyText(exchange), ChangeVehicleStatus.class);
                    respond(exchange, 200, fleet.changeStatus(id, command.status()));
                });
        from("direct:update-vehicle-firmware").routeId("update-vehicle-firmware")
                .process(exchange -> {
                    var id = uuid(exchange, "id");
                    var command = requests.read(bodyText(exchange), UpdateFirmware.class);
                    respond(exchange, 200, fleet.updateFirmware(id, command.firmwareVersion()));
                });
        from("direct:get-vehicle-location").routeId("get-vehicle-location")
                .process(exchange -> respond(exchange, 200, fleet.location(uuid(exchange, "id"))));
        from("direct:update-vehicle-location").routeId("update-vehicle-location")
                .process(exchange -> {
                    var id = uuid(exchange, "id");
                    var location = requests.read(bodyText(exchange), GeoPoint.class);
                    respond(exchange, 200, fleet.updateLocation(id, location));
                });
        from("direct:get-fleet-status").routeId("get-fleet-status")
                .process(exchange -> respond(exchange, 200, fleet.status()));
    }

    private void register(Exchange exchange) throws Exception {
        RegisterVehicle command = requests.read(bodyText(exchange), RegisterVehicle.class);
        VehicleView vehicle = fleet.register(command);
        respond(exchange, 201, vehicle);
        exchange.getMessage().setHeader("Location", "/vehicles/" + vehicle.id());
    }
}
