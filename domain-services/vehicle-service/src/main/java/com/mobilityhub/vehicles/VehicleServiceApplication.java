package com.mobilityhub.vehicles;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Bean;

import java.time.Clock;
import java.time.Duration;

/** vehicle-service: the fleet (vehicles, telemetry, diagnostics) and vehicle reservations. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class VehicleServiceApplication {

    /** Several apps can share one JVM (tests, local stack): each reads only its own configuration file. */
    public static final String CONFIG_NAME = "vehicle-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(VehicleServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }

    /**
     * Microsecond ticks, PostgreSQL's timestamp precision: a time we answer or publish is exactly
     * the one a later read returns.
     */
    @Bean
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
