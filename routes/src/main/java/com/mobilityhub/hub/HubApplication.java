package com.mobilityhub.hub;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** The hub: the public REST API in front of the domain services, with operations (metrics, Hawtio). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class HubApplication {

    /** Several apps can share one JVM (tests, local stack): the hub reads only {@code hub.yml}. */
    public static final String CONFIG_NAME = "hub";

    public static void main(String[] args) {
        new SpringApplicationBuilder(HubApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
