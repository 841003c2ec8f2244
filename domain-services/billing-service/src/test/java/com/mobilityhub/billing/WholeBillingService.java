package com.mobilityhub.billing;

import com.mobilityhub.infra.WithSharedInfrastructure;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole billing-service against the JVM's real PostgreSQL ({@code billing}) and Kafka, the real
 * user-service ({@link UserServiceBeside}) and the payment gateway simulator ({@link GatewayBeside}).
 * Every integration test class uses exactly this, so they share one context: a second one would
 * consume the trip events in the same consumer group. The gateway timings are shortened so that
 * breaker transitions happen within a test; the defaults stay in billing-service.yml.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithSharedInfrastructure(database = "billing")
// Spring Boot tests switch metrics export off by default; /actuator/prometheus is part of what we prove.
@AutoConfigureObservability(tracing = false)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = "spring.config.name=billing-service")
@ContextConfiguration(initializers = WholeBillingService.Neighbours.class)
public @interface WholeBillingService {

    /** Points billing at the user-service and gateway running beside it. */
    class Neighbours implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPropertyValues.of(
                    "mobility.billing.user-service.url=" + UserServiceBeside.get().url(),
                    // billing signs its calls to user-service; its own API stays unchecked for these tests' calls.
                    "mobility.service-auth.secret=" + UserServiceBeside.SERVICE_SECRET,
                    "mobility.service-auth.verify-incoming=false",
                    "mobility.billing.gateway.url=" + GatewayBeside.url(),
                    "mobility.billing.gateway.timeout=1s",
                    "mobility.billing.gateway.open-duration=2s",
                    "mobility.billing.gateway.retry-delay=50ms",
                    "mobility.billing.settlement.period=500ms",
                    "mobility.billing.settlement.grace=2s",
                    "mobility.events.session-timeout-ms=6000",
                    "mobility.events.heartbeat-interval-ms=2000"
            ).applyTo(context);
        }
    }
}
