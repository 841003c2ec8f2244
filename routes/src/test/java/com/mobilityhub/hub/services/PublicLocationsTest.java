package com.mobilityhub.hub.services;

import org.junit.jupiter.api.Test;

import java.net.URI;

import static org.assertj.core.api.Assertions.assertThat;

class PublicLocationsTest {

    private final PublicLocations locations = new PublicLocations("/api/v1");

    @Test
    void putsAServicePathUnderThePublicBasePath() {
        assertThat(locations.toPublic("/users/42", URI.create("http://127.0.0.1:8081"))).isEqualTo("/api/v1/users/42");
    }

    @Test
    void dropsTheServicesHostAndPathPrefix() {
        assertThat(locations.toPublic("http://user-service:8081/internal/users/42?view=full",
                URI.create("http://user-service:8081/internal/"))).isEqualTo("/api/v1/users/42?view=full");
    }

    @Test
    void neverPointsInsideThePlatformWhenTheLocationIsUnreadable() {
        assertThat(locations.toPublic("http://bad host/users", URI.create("http://127.0.0.1:8081"))).isEqualTo("/api/v1");
    }
}
