package com.mobilityhub.kit.security;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceCredentialsTest {

    private static final Instant NOW = Instant.parse("2026-11-25T18:00:00Z");
    private final ServiceCredentials hub = credentials("hub", "s3cret", NOW);
    private final ServiceCredentials users = credentials("user-service", "s3cret", NOW);

    @Test
    void acceptsACredentialForTheSameMethodAndPathWithinTheSkew() {
        Map<String, String> headers = hub.sign("GET", "/users/42");
        assertThat(refusal(users, "GET", "/users/42", headers)).isNull();
        assertThat(refusal(credentials("user-service", "s3cret", NOW.plusSeconds(59)), "GET", "/users/42", headers)).isNull();
    }

    @Test
    void refusesAnotherPathMethodSecretOrAnOldCredential() {
        Map<String, String> headers = hub.sign("GET", "/users/42");
        assertThat(refusal(users, "GET", "/users/43", headers)).contains("does not match");
        assertThat(refusal(users, "POST", "/users/42", headers)).contains("does not match");
        assertThat(refusal(credentials("user-service", "other", NOW), "GET", "/users/42", headers)).contains("does not match");
        assertThat(refusal(credentials("user-service", "s3cret", NOW.plusSeconds(61)), "GET", "/users/42", headers))
                .contains("expired");
        assertThat(users.refusal("GET", "/users/42", null, null, null)).contains("missing");
    }

    @Test
    void signsNothingWithoutASecretAndNeverPrintsIt() {
        ServiceCredentials off = credentials("hub", "", NOW);
        assertThat(off.enabled()).isFalse();
        assertThat(off.sign("GET", "/users/42")).isEmpty();
        assertThat(hub.toString()).doesNotContain("s3cret");
    }

    @Test
    void theFilterRefusesUnsignedCallsWith401ButLetsProbesAndSignedCallsThrough() throws Exception {
        ServiceCredentialFilter filter = new ServiceCredentialFilter(users,
                List.of("/actuator/health/**", "/lra-participant/**"));

        MockHttpServletResponse unsigned = run(filter, new MockHttpServletRequest("GET", "/users/42"));
        assertThat(unsigned.getStatus()).isEqualTo(401);
        assertThat(unsigned.getContentType()).isEqualTo("application/problem+json");
        assertThat(unsigned.getContentAsString()).doesNotContain("s3cret");

        assertThat(run(filter, new MockHttpServletRequest("GET", "/actuator/health/readiness")).getStatus()).isEqualTo(200);

        MockHttpServletRequest signed = new MockHttpServletRequest("GET", "/users/42");
        hub.sign("GET", "/users/42").forEach(signed::addHeader);
        assertThat(run(filter, signed).getStatus()).isEqualTo(200);
    }

    private static MockHttpServletResponse run(ServiceCredentialFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response;
    }

    private static String refusal(ServiceCredentials verifier, String method, String path, Map<String, String> headers) {
        return verifier.refusal(method, path, headers.get(ServiceCredentials.SERVICE_HEADER),
                headers.get(ServiceCredentials.TIMESTAMP_HEADER), headers.get(ServiceCredentials.SIGNATURE_HEADER));
    }

    private static ServiceCredentials credentials(String name, String secret, Instant now) {
        return new ServiceCredentials(name, secret, Duration.ofSeconds(60), Clock.fixed(now, ZoneOffset.UTC));
    }
}
