package com.mobilityhub.coordinator;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Narayana's LRA coordinator (REST API at {@code /lra-coordinator}) with a durable file object store. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class LraCoordinatorApplication {

    public static void main(String[] args) {
        new SpringApplicationBuilder(LraCoordinatorApplication.class)
                .properties("spring.config.name=lra-coordinator")
                .run(args);
    }
}
