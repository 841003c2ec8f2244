package com.mobilityhub.hub.services;

/**
 * The services the hub fronts. Each has exactly one call route ({@link #callEndpoint()}), so
 * resilience (timeouts now, circuit breakers later) is configured in one place per service.
 */
public enum DomainService {

    USERS("user-service"),
    VEHICLES("vehicle-service"),
    TRIPS("trip-service"),
    BILLING("billing-service"),
    NOTIFICATIONS("notification-service");

    private final String appName;

    DomainService(String appName) {
        this.appName = appName;
    }

    public String appName() {
        return appName;
    }

    /** Where operation routes send a prepared {@link ServiceRequest}. */
    public String callEndpoint() {
        return "direct:" + appName;
    }

    /** The route id of the call route: {@code call-user-service}, ... */
    public String callRouteId() {
        return "call-" + appName;
    }
}
