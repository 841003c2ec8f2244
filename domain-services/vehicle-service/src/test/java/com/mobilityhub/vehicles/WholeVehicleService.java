package com.mobilityhub.vehicles;

import com.mobilityhub.infra.WithSharedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole vehicle-service against the JVM's real PostgreSQL ({@code vehicles} database), Kafka and
 * LRA coordinator, on a fixed port (the LRA participant URL must be right before Camel starts).
 * Every integration test class uses exactly this, so they share one context: a second context would
 * consume the same topics in the same consumer group.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithSharedInfrastructure(database = "vehicles")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.config.name=" + VehicleServiceApplication.CONFIG_NAME)
@ContextConfiguration(initializers = SagaCoordinator.Initializer.class)
public @interface WholeVehicleService {
}
