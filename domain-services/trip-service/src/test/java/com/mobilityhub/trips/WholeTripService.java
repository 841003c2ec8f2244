package com.mobilityhub.trips;

import com.mobilityhub.infra.WithSharedInfrastructure;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole trip-service on a random port, against the JVM's real PostgreSQL ({@code trips}
 * database) and Kafka. Every integration test class uses exactly this, so they share one context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithSharedInfrastructure(database = "trips")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TripServiceApplication.CONFIG_NAME)
public @interface WholeTripService {
}
