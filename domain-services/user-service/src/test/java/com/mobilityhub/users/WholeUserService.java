package com.mobilityhub.users;

import com.mobilityhub.infra.WithSharedInfrastructure;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole user-service against the JVM's real PostgreSQL ({@code users}), Kafka and LRA
 * coordinator, on a fixed port (the LRA participant URL). Every integration test class uses exactly
 * this, so they share one context: a second context would consume the same topics in the same
 * consumer group.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithSharedInfrastructure(database = "users")
// Spring Boot tests switch metrics export off by default; /actuator/prometheus is part of what we prove.
@AutoConfigureObservability(tracing = false)
// With a service secret, as deployed: signed internal calls, saga callback tokens (ServiceSecret).
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = {"spring.config.name=user-service", "mobility.service-auth.secret=" + ServiceSecret.VALUE})
@ContextConfiguration(initializers = SagaCoordinator.Initializer.class)
public @interface WholeUserService {
}
