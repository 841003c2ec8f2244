package com.mobilityhub.billing.payments;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;


/**
 * The payment gateway's circuit breaker, built from {@link PaymentGateway} and used by the
 * charge-payment-gateway route by bean name. Its state is published as
 * {@code resilience4j_circuitbreaker_state{name="payment-gateway",state=...}} (and its call counts).
 */
@Configuration
public class PaymentGatewayConfiguration {

    /** Bean name of the breaker, referenced by the route. */
    public static final String CIRCUIT_BREAKER = "paymentGatewayCircuitBreaker";

    @Bean
    CircuitBreakerRegistry billingCircuitBreakers(MeterRegistry meters) {
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.ofDefaults();
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        return registry;
    }

    @Bean(CIRCUIT_BREAKER)
    CircuitBreaker paymentGatewayCircuitBreaker(CircuitBreakerRegistry registry, PaymentGateway gateway) {
        return registry.circuitBreaker("payment-gateway", CircuitBreakerConfig.custom()
                .failureRateThreshold(gateway.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) Math.max(1, gateway.slidingWindow().toSeconds()))
                .minimumNumberOfCalls(gateway.minimumCalls())
                .waitDurationInOpenState(gateway.openDuration())
                .permittedNumberOfCallsInHalfOpenState(gateway.halfOpenCalls())
                // Open -> half-open on time, not only on the next call: the state gauge tells the truth.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build());
    }
}
