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
    }
}
