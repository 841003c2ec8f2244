package com.mobilityhub.hub;

import com.mobilityhub.coordinator.CoordinatorProcess;
import com.mobilityhub.hub.security.TestTokens;
import com.mobilityhub.infra.LocalPostgres;
import com.mobilityhub.infra.SharedInfrastructure;
import org.springframework.test.context.DynamicPropertyRegistry;

/** Properties every test hub context needs. */
public final class HubTestProperties {

    private HubTestProperties() {
    }

    /**
     * A hub on a fixed free port (its LRA participant URL must be right before Camel starts) with its
     * own database on the shared PostgreSQL and the JVM's coordinator. A second hub in the JVM needs
     * its own database and consumer group, or it would take the first one's saga events.
     */
    public static void register(DynamicPropertyRegistry registry, int port, String database, String applicationName) {
        SharedInfrastructure infrastructure = SharedInfrastructure.get();
        registry.add("server.port", () -> port);
        registry.add("spring.application.name", () -> applicationName);
        registry.add("spring.datasource.url", () -> {
            infrastructure.postgres().createDatabase(database);
            return infrastructure.postgres().jdbcUrl(database);
        });
        registry.add("spring.datasource.username", () -> LocalPostgres.USER);
        registry.add("spring.datasource.password", () -> "");
        registry.add("spring.kafka.bootstrap-servers", () -> infrastructure.kafka().bootstrapServers());
        registry.add("camel.lra.coordinator-url", () -> TestCoordinator.get().baseUrl());
        // Bearer tokens minted by the tests (HubClient sends an admin's by default).
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        // A rider's booking rate limit that a test can exhaust without racing the clock.
        registry.add("mobility.security.booking-rate-limit.limit-for-period", () -> "10");
        registry.add("mobility.security.booking-rate-limit.refresh-period", () -> "10m");
    }

    public static int freePort() {
        return CoordinatorProcess.freePort();
    }
}
