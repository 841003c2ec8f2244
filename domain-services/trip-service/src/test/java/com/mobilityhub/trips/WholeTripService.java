package com.mobilityhub.trips;

import com.mobilityhub.infra.WithSharedInfrastructure;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole trip-service on a fixed free port (see {@link SagaInfrastructure}), against the JVM's real
 * PostgreSQL ({@code trips} database), Kafka and LRA coordinator. Every integration test class uses
 * exactly this, so they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithSharedInfrastructure(database = "trips")
@ExtendWith(SagaInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT,
        properties = "spring.config.name=" + TripServiceApplication.CONFIG_NAME)
public @interface WholeTripService {
}
