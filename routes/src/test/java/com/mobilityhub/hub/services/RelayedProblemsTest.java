package com.mobilityhub.hub.services;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class RelayedProblemsTest {

    @Test
    void namesThePublicRequestAsTheProblemsInstance() {
        byte[] relayed = RelayedProblems.withInstance(
                "{\"type\":\"urn:mobility-hub:problem:invalid-request\",\"status\":400,\"instance\":\"/users\",\"errors\":[]}"
                        .getBytes(StandardCharsets.UTF_8), "/api/v1/users");

        assertThat(new String(relayed, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"urn:mobility-hub:problem:invalid-request\",\"status\":400,"
                        + "\"instance\":\"/api/v1/users\",\"errors\":[]}");
    }

    @Test
    void relaysAnythingElseUntouched() {
        byte[] notJson = "oops".getBytes(StandardCharsets.UTF_8);
        assertThat(RelayedProblems.withInstance(notJson, "/api/v1/users")).isSameAs(notJson);
        assertThat(RelayedProblems.isProblem("application/problem+json;charset=UTF-8")).isTrue();
        assertThat(RelayedProblems.isProblem("application/json")).isFalse();
    }
}
