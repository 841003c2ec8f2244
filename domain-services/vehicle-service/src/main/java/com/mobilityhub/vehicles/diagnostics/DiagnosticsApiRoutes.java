package com.mobilityhub.vehicles.diagnostics;

import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.contracts.api.vehicles.ReportDiagnostics;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.JsonRequests;
import com.mobilityhub.vehicles.Requests;
import org.springframework.stereotype.Component;

import static com.mobilityhub.vehicles.Requests.bodyText;
import static com.mobilityhub.vehicles.Requests.uuid;

/** {@code POST /vehicles/{id}/diagnostics} (201 with the stored report) and {@code GET} (newest first, {@code ?limit=}). */
@Component
public class DiagnosticsApiRoutes extends ApiRouteBuilder {

    private final DiagnosticsReports diagnostics;
    private final JsonRequests requests;

    public DiagnosticsApiRoutes(DiagnosticsReports diagnostics, JsonRequests requests) {
        this.diagnostics = diagnostics;
        this.requests = requests;
    }

    @Override
    protected void configureApi() {
        rest("/vehicles/{id}/diagnostics")
                .post().to("direct:report-vehicle-diagnostics")
                .get().to("direct:list-vehicle-diagnostics");

        from("direct:report-vehicle-diagnostics").routeId("report-vehicle-diagnostics")
                .process(exchange -> {
                    var id = uuid(exchange, "id");
                    var command = requests.read(bodyText(exchange), ReportDiagnostics.class);
                    respond(exchange, 201, diagnostics.report(id, command));
                });
        from("direct:list-vehicle-diagnostics").routeId("list-vehicle-diagnostics")
                .process(exchange -> respond(exchange, 200, diagnostics.recent(uuid(exchange, "id"),
                        Requests.optionalInt(exchange, "limit", Page.DEFAULT_SIZE, 1, Page.MAX_SIZE))));
    }
}
