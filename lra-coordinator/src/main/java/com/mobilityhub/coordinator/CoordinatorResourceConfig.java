package com.mobilityhub.coordinator;

import io.narayana.lra.coordinator.api.Coordinator;
import io.narayana.lra.coordinator.api.CoordinatorContainerFilter;
import org.glassfish.jersey.server.ResourceConfig;
import org.glassfish.jersey.server.ServerProperties;
import org.springframework.stereotype.Component;

/** Narayana's JAX-RS coordinator resource ({@code @Path("lra-coordinator")}) served by Jersey at the root. */
@Component
public class CoordinatorResourceConfig extends ResourceConfig {

    /** Takes the runtime so that Narayana is configured before Jersey can create a {@link Coordinator}. */
    public CoordinatorResourceConfig(NarayanaRuntime narayana) {
        register(Coordinator.class);
        register(CoordinatorContainerFilter.class);
        // WADL needs JAXB, which is not here; without this Jersey logs a warning on its first request.
        property(ServerProperties.WADL_FEATURE_DISABLE, true);
        // Narayana's resource declares no constraints, yet Jersey's bean validation rebuilt Hibernate Validator's
        // metadata of it on every request, tripping over its missing OpenAPI annotations (a failed class lookup in
        // every nested jar each time): ~36 % of the coordinator's CPU under load (docs/benchmarks.md).
        property(ServerProperties.BV_FEATURE_DISABLE, true);
    }
}
