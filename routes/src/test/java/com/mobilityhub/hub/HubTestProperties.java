package com.mobilityhub.hub;

import com.mobilityhub.coordinator.CoordinatorProcess;
import com.mobilityhub.hub.security.TestTokens;
import com.mobilityhub.infra.LocalPostgres;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.kit.security.ServiceCredentials;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.time.Clock;
import java.time.Duration;

/** Properties every test hub context needs. */
public final class HubTestProperties {

    /**
     * The service secret of the hub and every service in the test JVM (DomainServices): internal calls carry
     * service credentials and LRA callbacks saga callback tokens, as deployed. Test-only value.
     */
    public static final String SERVICE_SECRET = "hub-it-service-secret-7d2e41";

    /** Hawtio console accounts of the test hub (mobility.operations.console-users; hashed when registered). */
    public static final String CONSOLE_VIEWER = "it-viewer";
    public static final String CONSOLE_ADMIN = "it-admin";
    public static final String CONSOLE_PASSWORD = "hub-it-console-password-5c91";
    private static final String CONSOLE_PASSWORD_HASH = "{bcrypt}" + new BCryptPasswordEncoder().encode(CONSOLE_PASSWORD);

    private HubTestProperties() {
    }

    /** Header name/value pairs of a test's own direct call to a service ({@code HttpRequest.Builder.headers}). */
    public static String[] serviceCredentialHeaders(String method, String path) {
        return new ServiceCredentials("hub-it", SERVICE_SECRET, Duration.ofSeconds(60), Clock.systemUTC())
                .sign(method, path).entrySet().stream()
                .flatMap(header -> java.util.stream.Stream.of(header.getKey(), header.getValue()))
                .toArray(String[]::new);
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
        registry.add("mobility.service-auth.secret", () -> SERVICE_SECRET);
        // Bearer tokens minted by the tests (HubClient sends an admin's by default).
        registry.add("spring.security.oauth2.resourceserver.jwt.public-key-location", TestTokens::publicKeyLocation);
        // A rider's booking rate limit that a test can exhaust without racing the clock.
        registry.add("mobility.security.booking-rate-limit.limit-for-period", () -> "10");
        registry.add("mobility.security.booking-rate-limit.refresh-period", () -> "10m");
        consoleUser(registry, 0, CONSOLE_VIEWER, "viewer");
        consoleUser(registry, 1, CONSOLE_ADMIN, "admin");
    }

    private static void consoleUser(DynamicPropertyRegistry registry, int index, String username, String role) {
        String account = "mobility.operations.console-users[" + index + "].";
        registry.add(account + "username", () -> username);
        registry.add(account + "password-hash", () -> CONSOLE_PASSWORD_HASH);
        registry.add(account + "roles", () -> role);
    }

    public static int freePort() {
        return CoordinatorProcess.freePort();
    }
}
