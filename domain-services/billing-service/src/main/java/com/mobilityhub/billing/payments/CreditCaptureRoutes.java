package com.mobilityhub.billing.payments;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.kit.security.ServiceCallSigner;
import com.mobilityhub.kit.security.ServiceCredentials;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Step one of a settlement: user-service captures the invoice's amount from the booking's credit hold
 * ({@code POST /credits/holds/{bookingId}/capture}, idempotent by booking), up to what is held; the rest
 * of the hold goes back to the rider. No hold (404) or a released one (409) captures nothing: the gateway
 * then takes the whole amount. Any other answer fails the step (the settlement stays pending).
 */
@Component
public class CreditCaptureRoutes extends RouteBuilder {

    private static final String TIMER = "mobilityBillingCaptureTimer";

    private final Settlements settlements;
    private final UserServiceEndpoint userService;
    private final PaymentMetrics metrics;
    private final ServiceCallSigner signed;

    public CreditCaptureRoutes(Settlements settlements, UserServiceEndpoint userService, PaymentMetrics metrics,
                               ServiceCredentials credentials) {
        this.settlements = settlements;
        this.userService = userService;
        this.metrics = metrics;
        this.signed = new ServiceCallSigner(credentials, userService.url().toString());
    }

    @Override
    public void configure() {
        from("direct:capture-credits").routeId("capture-credits")
                .errorHandler(noErrorHandler())
                .choice()
                    .when(exchange -> SettlementRoutes.plan(exchange).bookingId() == null)
                        .process(exchange -> recordCapture(exchange, BigDecimal.ZERO))
                    .otherwise()
                        .process(this::captureRequest)
                        .process(signed) // user-service refuses unsigned calls once a service secret is set
                        .to(userService.endpoint())
                        .process(this::captureAnswer)
                .end();
    }

    private void captureRequest(Exchange exchange) throws Exception {
        SettlementPlan plan = SettlementRoutes.plan(exchange);
        exchange.setProperty(TIMER, metrics.attempt("credits", plan.amount()));
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.HTTP_PATH, "/credits/holds/"
                + URLEncoder.encode(plan.bookingId(), StandardCharsets.UTF_8).replace("+", "%20") + "/capture");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setBody(EventJson.mapper().writeValueAsBytes(Map.of("amount", plan.amount())));
    }

    private void captureAnswer(Exchange exchange) throws Exception {
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        Timer.Sample timer = exchange.getProperty(TIMER, Timer.Sample.class);
        BigDecimal captured;
        if (status == 200) {
            JsonNode capture = EventJson.mapper().readTree(exchange.getMessage().getBody(byte[].class));
            captured = capture.path("captured").decimalValue();
            metrics.succeeded("credits", timer);
        } else if (status == 404 || status == 409) {
            captured = BigDecimal.ZERO; // nothing held for this booking: the gateway takes it all
            metrics.failed("credits", "no_hold", timer);
        } else {
            metrics.failed("credits", "user_service_" + status, timer);
            throw new IllegalStateException("user-service answered " + status + " to the capture of booking "
                    + SettlementRoutes.plan(exchange).bookingId());
        }
        recordCapture(exchange, captured);
    }

    private void recordCapture(Exchange exchange, BigDecimal captured) {
        exchange.setProperty(SettlementRoutes.PLAN,
                settlements.creditsCaptured(SettlementRoutes.plan(exchange).invoiceId(), captured));
    }
}
