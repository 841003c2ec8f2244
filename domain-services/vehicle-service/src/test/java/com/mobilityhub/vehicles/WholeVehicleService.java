package com.mobilityhub.vehicles;

import com.mobilityhub.infra.WithSharedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole vehicle-service on a random port, against the JVM's real PostgreSQL ({@code vehicles}
 * database) and Kafka. Every integration test class uses exactly this, so they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithSharedInfrastructure(database = "vehicles")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + VehicleServiceApplication.CONFIG_NAME)
public @interface WholeVehicleService {
}
