package com.mobilityhub.localstack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One app of the platform as the launcher runs it: where its -exec jar is, its default port, the
 * database it owns, and (for services) the key under which the hub knows its URL
 * ({@code mobility.services.<key>.url}). The values are those of docs/CONVENTIONS.md.
 */
record AppSpec(String name, String module, String artifactId, int defaultPort, String database, String serviceKey) {

    static final String HUB = "hub";
    static final String COORDINATOR = "lra-coordinator";
    static final String PAYMENT_GATEWAY = "payment-gateway";

    /**
     * Every app, in start order: the coordinator and the payment gateway simulator (the external gateway
     * billing-service charges), the services, the hub. Stop order is the reverse groups.
     */
    static final List<AppSpec> ALL = List.of(
            new AppSpec(COORDINATOR, "lra-coordinator", "lra-coordinator", 8090, null, null),
            new AppSpec(PAYMENT_GATEWAY, "payment-gateway-simulator", "payment-gateway-simulator", 8086, null, null),
            new AppSpec("user-service", "domain-services/user-service", "user-service", 8081, "users", "users"),
            new AppSpec("vehicle-service", "domain-services/vehicle-service", "vehicle-service", 8082, "vehicles", "vehicles"),
            new AppSpec("trip-service", "domain-services/trip-service", "trip-service", 8083, "trips", "trips"),
            new AppSpec("billing-service", "domain-services/billing-service", "billing-service", 8084, "billing", "billing"),
            new AppSpec("notification-service", "domain-services/notification-service", "notification-service", 8085,
                    "notifications", "notifications"),
            new AppSpec(HUB, "routes", "routes", 8080, "hub", null));

    /** Every database the local PostgreSQL holds, one per owning app. */
    static final List<String> DATABASES = ALL.stream().map(AppSpec::database).filter(d -> d != null).toList();

    static Optional<AppSpec> named(String name) {
        String wanted = "routes".equals(name) ? HUB : name;
        return ALL.stream().filter(app -> app.name.equals(wanted)).findFirst();
    }

    boolean isHub() {
        return HUB.equals(name);
    }

    boolean isCoordinator() {
        return COORDINATOR.equals(name);
    }

    boolean isPaymentGateway() {
        return PAYMENT_GATEWAY.equals(name);
    }

    boolean isService() {
        return serviceKey != null;
    }

    Path execJar(Path repo, String version) {
        return repo.resolve(module).resolve("target").resolve(artifactId + "-" + version + "-exec.jar");
    }
}
