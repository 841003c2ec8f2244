package com.mobilityhub.billing;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** billing-service: invoices and payments. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class BillingServiceApplication {

    public static void main(String[] args) {
        // Named configuration (billing-service.yml), so several apps can share one JVM in tests.
        new SpringApplicationBuilder(BillingServiceApplication.class)
                .properties("spring.config.name=billing-service").run(args);
    }
}
