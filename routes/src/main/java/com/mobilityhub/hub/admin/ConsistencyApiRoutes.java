package com.mobilityhub.hub.admin;

import com.mobilityhub.kit.api.ApiRouteBuilder;
import org.springframework.stereotype.Component;

import static com.mobilityhub.hub.api.ApiDocs.JSON;
import static com.mobilityhub.hub.api.ApiDocs.problems;

/** {@code /admin/consistency}: the saga invariants, checked across the hub and the participants. */
@Component
public class ConsistencyApiRoutes extends ApiRouteBuilder {

    private final ConsistencyCheck check;

    public ConsistencyApiRoutes(ConsistencyCheck check) {
        this.check = check;
    }

    @Override
    protected void configureApi() {
        problems(rest("/admin").tag("admin").get("/consistency")
                .id("check-consistency")
                .description("Checks the booking saga's invariants against every participant: held credits, "
                        + "terminal bookings, participants' states, one live reservation per vehicle. Work in flight "
                        + "(younger than the grace period) is not reported.")
                .produces(JSON).outType(ConsistencyReport.class)
                .responseMessage().code(200).message("{ok, checkedAt, violations}").responseModel(ConsistencyReport.class)
                    .endResponseMessage(), 503)
                .to("direct:check-consistency");

        from("direct:check-consistency").routeId("check-consistency")
                .process(exchange -> respond(exchange, 200, check.run()));
    }
}
