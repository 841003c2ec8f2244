package com.mobilityhub.kit.security;

import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.builder.ExpressionBuilder;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import java.net.URI;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SagaCallbackTokenTest {

    private static final String LRA = "http://127.0.0.1:8090/lra-coordinator/0_ffff7f000001_-5b3f1d2a_6745a1b2_1f";
    private static final String OTHER_LRA = "http://127.0.0.1:8090/lra-coordinator/0_ffff7f000001_-5b3f1d2a_6745a1b2_20";
    private static final String BOOKING = "0b8f7c52-6a0f-4d1e-9f3a-2c7e5d9b1a44";
    private static final String OTHER_BOOKING = "5d2e9a10-3b7c-4f8e-8a61-7e0c4b2d9f15";

    private final SagaCallbackToken tokens = new SagaCallbackToken("s3cret");

    @Test
    void aTokenMatchesOnlyItsLraAndBookingUnderTheSameSecret() {
        String token = tokens.of(LRA, BOOKING);
        assertThat(tokens.refusal(LRA, BOOKING, token)).isNull();
        assertThat(tokens.refusal(LRA, OTHER_BOOKING, token)).contains("does not match");
        assertThat(tokens.refusal(OTHER_LRA, BOOKING, token)).contains("does not match");
        assertThat(new SagaCallbackToken("other").refusal(LRA, BOOKING, token)).contains("does not match");
        assertThat(tokens.refusal(LRA, BOOKING, null)).contains("missing");
        assertThat(tokens.refusal(null, BOOKING, token)).contains("Long-Running-Action");
        assertThat(tokens.refusal(LRA, null, token)).contains("bookingId");
    }

    @Test
    void isUrlSafeHexAndBindsTheLraUidNotTheCoordinatorsHostName() {
        String token = tokens.of(LRA, BOOKING);
        assertThat(token).matches("[0-9a-f]{64}");
        assertThat(tokens.of("http://lra-coordinator.mobility:8090/lra-coordinator/0_ffff7f000001_-5b3f1d2a_6745a1b2_1f", BOOKING))
                .isEqualTo(token);
    }

    @Test
    void withoutASecretNothingIsSignedOrChecked() {
        SagaCallbackToken off = SagaCallbackToken.disabled();
        assertThat(off.enabled()).isFalse();
        assertThat(off.of(LRA, BOOKING)).isEmpty();
        assertThat(off.refusal(null, null, null)).isNull();
        assertThat(off.toString()).doesNotContain("s3cret");
        assertThat(tokens.toString()).doesNotContain("s3cret");
    }

    @Test
    void theSagaOptionSignsTheExchangesLraAndBookingWithTheRegisteredTokens() {
        CamelContext camel = new DefaultCamelContext();
        camel.getRegistry().bind("sagaCallbackToken", tokens);
        Exchange exchange = new DefaultExchange(camel);
        // Over Kafka the LRA header arrives as bytes.
        exchange.getMessage().setHeader(Exchange.SAGA_LONG_RUNNING_ACTION, LRA.getBytes(StandardCharsets.UTF_8));
        exchange.getMessage().setHeader("bookingId", BOOKING);

        String option = SagaCallbackToken.forBooking(ExpressionBuilder.headerExpression("bookingId"))
                .evaluate(exchange, String.class);

        assertThat(option).isEqualTo(tokens.of(LRA, BOOKING));
    }

    @Test
    void theFilterRefusesCallbacksWithoutAMatchingTokenAndLetsOtherPathsThrough() throws Exception {
        SagaCallbackFilter filter = new SagaCallbackFilter(tokens, "/lra-participant");

        assertThat(status(filter, callback("/lra-participant/compensate", BOOKING, null))).isEqualTo(403);
        assertThat(status(filter, callback("/lra-participant/compensate", BOOKING, "00" + tokens.of(LRA, BOOKING).substring(2))))
                .isEqualTo(403);
        assertThat(status(filter, callback("/lra-participant/compensate", BOOKING, tokens.of(LRA, OTHER_BOOKING)))).isEqualTo(403);
        assertThat(status(filter, callback("/api/v1/lra-participant/complete", BOOKING, null))).isEqualTo(403);

        assertThat(status(filter, callback("/lra-participant/compensate", BOOKING, tokens.of(LRA, BOOKING)))).isEqualTo(200);
        assertThat(status(filter, callback("/api/v1/lra-participant/complete", BOOKING, tokens.of(LRA, BOOKING)))).isEqualTo(200);
        assertThat(status(filter, new MockHttpServletRequest("GET", "/credits/holds/" + BOOKING))).isEqualTo(200);
        assertThat(status(new SagaCallbackFilter(SagaCallbackToken.disabled(), "/lra-participant"),
                callback("/lra-participant/compensate", BOOKING, null))).isEqualTo(200);
    }

    @Test
    void namesTheRoutesWhoseSagaStepForgotItsToken() throws Exception {
        try (CamelContext camel = new DefaultCamelContext()) {
            camel.addRoutes(new org.apache.camel.builder.RouteBuilder() {
                @Override
                public void configure() {
                    from("direct:signed-step").routeId("signed-step")
                            .saga().option("bookingId", header("bookingId"))
                                .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header("bookingId")))
                            .log("reserved");
                    from("direct:forgetful-step").routeId("forgetful-step")
                            .saga().option("bookingId", header("bookingId"))
                            .log("reserved");
                }
            });
            assertThat(new SagaStepsCarryCallbackTokens(camel, tokens).stepsWithoutToken()).containsExactly("forgetful-step");
        }
    }

    private static MockHttpServletRequest callback(String path, String bookingId, String token) {
        MockHttpServletRequest request = new MockHttpServletRequest("PUT", path);
        request.addHeader("Long-Running-Action", LRA);
        request.setParameter("Camel-Saga-Compensate", "direct://release-credits");
        request.setParameter("bookingId", bookingId);
        if (token != null) {
            request.setParameter(SagaCallbackToken.OPTION, token);
        }
        request.setQueryString(URI.create("http://x" + path).getRawQuery());
        return request;
    }

    private static int status(SagaCallbackFilter filter, MockHttpServletRequest request) throws Exception {
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        if (response.getStatus() == 403) {
            assertThat(chain.getRequest()).as("a refused callback must not reach the app").isNull();
            assertThat(response.getContentType()).isEqualTo("application/problem+json");
        }
        return response.getStatus();
    }
}
