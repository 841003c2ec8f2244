package com.mobilityhub.hub.services;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/**
 * {@code mobility.services.*}: where each domain service listens and how long the hub waits for it.
 * Every call has both timeouts; a service that does not connect or answer in time is a 503 to the client.
 */
@Validated
@ConfigurationProperties("mobility.services")
public record ServiceEndpoints(
        @NotNull @DefaultValue("3s") Duration connectTimeout,
        @NotNull @DefaultValue("3s") Duration responseTimeout,
        @Min(1) @DefaultValue("200") int maxConnections,
        @NotNull @Valid Target users,
        @NotNull @Valid Target vehicles,
        @NotNull @Valid Target trips,
        @NotNull @Valid Target billing,
        @NotNull @Valid Target notifications) {

    /** One service: its base URL (scheme, host, port and an optional path prefix). */
    public record Target(@NotNull URI url) {
    }

    public Target of(DomainService service) {
        return switch (service) {
            case USERS -> users;
            case VEHICLES -> vehicles;
            case TRIPS -> trips;
            case BILLING -> billing;
            case NOTIFICATIONS -> notifications;
        };
    }
}
