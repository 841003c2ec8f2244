package com.mobilityhub.billing.payments;

import com.mobilityhub.kit.resilience.RetryAttempts;
import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventJson;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.micrometer.core.instrument.Timer;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/**
 * Step two of a settlement: charge what the credits did not cover through the external payment gateway.
 *
 * <p>Every call goes through a Resilience4j circuit breaker ({@link PaymentGatewayConfiguration}); its time
 * limit is the HTTP call's own (connect and response timeouts = {@code timeout}), so a slow gateway is a
 * failed call. Not Resilience4j's TimeLimiter: in Camel 4.17 the call it abandons keeps running and later
 * writes its late result or exception onto the exchange that has moved on (seen here: a "Read timed
 * out" surfacing after the fallback had run). A failed call is retried with exponential backoff ({@link RetryAttempts}; safe: the
 * Idempotency-Key is the invoice's, and the gateway never charges a key twice); an open breaker fails
 * at once, without retries. (The retries are this loop, not Camel's redelivery: the error handler does
 * not redeliver to a circuitBreaker node.) When the payment cannot go through, the fallback leaves the invoice PAYMENT_PENDING for
 * settle-pending-invoices. All settings: {@link PaymentGateway}.
 */
@Component
public class PaymentGatewayRoutes extends RouteBuilder {

    private static final String TIMER = "mobilityBillingGatewayTimer";
    private static final String ATTEMPTS = "mobilityBillingRetryAttempts";
    private final PaymentGateway gateway;
    private final Settlements settlements;
    private final PaymentMetrics metrics;

    public PaymentGatewayRoutes(PaymentGateway gateway, Settlements settlements, PaymentMetrics metrics) {
        this.gateway = gateway;
        this.settlements = settlements;
        this.metrics = metrics;
    }

    @Override
    public void configure() {
        from("direct:charge-payment-gateway").routeId("charge-payment-gateway")
                .errorHandler(noErrorHandler())
                .process(this::paymentRequest)
                .loopDoWhile(exchange -> attempts(exchange).another())
                    .delay().exchange(exchange -> attempts(exchange).delayBeforeNextMillis()).syncDelayed()
                    .doTry()
                        .circuitBreaker()
                            .resilience4jConfiguration()
                                .circuitBreaker(PaymentGatewayConfiguration.CIRCUIT_BREAKER)
                                .throwExceptionWhenHalfOpenOrOpenState(true)
                            .end()
                            .to(gateway.paymentsEndpoint())
                        .end()
                        .process(exchange -> attempts(exchange).succeeded())
                    .endDoTry()
                    .doCatch(Exception.class)
                        .process(exchange -> attempts(exchange).failed(
                                exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                    .end()
                .end()
                .choice()
                    .when(exchange -> attempts(exchange).hasSucceeded())
                        .process(this::paymentTaken)
                    .otherwise()
                        // The fallback: the invoice waits as PAYMENT_PENDING for settle-pending-invoices.
                        .process(this::paymentPending)
                .end();
    }

    private static RetryAttempts attempts(Exchange exchange) {
        return exchange.getProperty(ATTEMPTS, RetryAttempts.class);
    }

    private void paymentRequest(Exchange exchange) throws Exception {
        SettlementPlan plan = SettlementRoutes.plan(exchange);
        exchange.setProperty(TIMER, metrics.attempt("gateway", plan.gatewayDue()));
        exchange.setProperty(ATTEMPTS, new RetryAttempts(gateway.retries(), gateway.retryDelay(),
                gateway.retryBackoffMultiplier()));
        Map<String, Object> payment = new LinkedHashMap<>();
        payment.put("amount", plan.gatewayDue());
        payment.put("currency", plan.currency());
        payment.put("reference", plan.invoiceId().toString());
        Message message = exchange.getMessage();
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "POST");
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        message.setHeader("Idempotency-Key", plan.idempotencyKey());
        message.setBody(EventJson.mapper().writeValueAsBytes(payment));
    }

    private void paymentTaken(Exchange exchange) throws Exception {
        SettlementPlan plan = SettlementRoutes.plan(exchange);
        JsonNode charge = EventJson.mapper().readTree(exchange.getMessage().getBody(byte[].class));
        settlements.paid(plan.invoiceId(), plan.gatewayDue(), charge.path("paymentId").asText(null));
        metrics.succeeded("gateway", exchange.getProperty(TIMER, Timer.Sample.class));
    }

    private void paymentPending(Exchange exchange) {
        SettlementPlan plan = SettlementRoutes.plan(exchange);
        String errorType = errorType(attempts(exchange).lastFailure());
        metrics.failed("gateway", errorType, exchange.getProperty(TIMER, Timer.Sample.class));
        log.warn("Gateway payment of invoice {} did not go through after {} attempt(s) ({}): it stays PAYMENT_PENDING",
                plan.invoiceId(), attempts(exchange).made(), errorType);
        settlements.pending(plan.invoiceId(), "payment gateway: " + errorType);
    }

    /** A low-cardinality label for the failure: circuit_open, timeout, gateway_<status>, unreachable or the class. */
    static String errorType(Throwable cause) {
        Throwable root = cause;
        while (root != null) {
            if (root instanceof CallNotPermittedException) {
                return "circuit_open";
            }
            if (root instanceof TimeoutException) {
                return "timeout";
            }
            if (root instanceof SocketTimeoutException) {
                return "timeout";
            }
            if (root instanceof HttpOperationFailedException http) {
                return "gateway_" + http.getStatusCode();
            }
            if (root instanceof IOException) {
                return "unreachable";
            }
            root = root.getCause() == root ? null : root.getCause();
        }
        return cause == null ? "unknown" : cause.getClass().getSimpleName();
    }
}
