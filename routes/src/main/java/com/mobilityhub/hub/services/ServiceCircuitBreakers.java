package com.mobilityhub.hub.services;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

import java.util.EnumMap;
import java.util.Map;

/**
 * One Resilience4j circuit breaker per domain service, named after it ({@code user-service}, ...), used
 * by its call route. Their states are published as
 * {@code resilience4j_circuitbreaker_state{name="user-service",state=...}}, with their call counts.
 */
@Component
public class ServiceCircuitBreakers {


    private final Map<DomainService, CircuitBreaker> breakers = new EnumMap<>(DomainService.class);

    public ServiceCircuitBreakers(MeterRegistry meters, ServiceResilience settings) {
        CircuitBreakerConfig config = CircuitBreakerConfig.custom()
                .failureRateThreshold(settings.failureRateThreshold())
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) Math.max(1, settings.slidingWindow().toSeconds()))
                .minimumNumberOfCalls(settings.minimumCalls())
                .waitDurationInOpenState(settings.openDuration())
                .permittedNumberOfCallsInHalfOpenState(settings.halfOpenCalls())
                // Open -> half-open on time: a service that came back is tried without waiting for traffic.
                .automaticTransitionFromOpenToHalfOpenEnabled(true)
                .build();
        CircuitBreakerRegistry registry = CircuitBreakerRegistry.of(config);
        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(registry).bindTo(meters);
        for (DomainService service : DomainService.values()) {
            breakers.put(service, registry.circuitBreaker(service.appName()));
        }
    }

    public CircuitBreaker of(DomainService service) {
        return breakers.get(service);
    }

    /** The name the call route finds the breaker by in Camel's registry. */
    static String registryName(DomainService service) {
        return "circuitBreaker-" + service.appName();
    }
}
