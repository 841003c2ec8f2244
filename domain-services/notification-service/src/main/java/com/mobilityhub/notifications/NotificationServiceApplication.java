package com.mobilityhub.notifications;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** notification-service: the notifications sent to users, and their feedback. */
@SpringBootApplication
public class NotificationServiceApplication {

    public static void main(String[] args) {
        // Named configuration (notification-service.yml), so several apps can share one JVM in tests.
        new SpringApplicationBuilder(NotificationServiceApplication.class)
                .properties("spring.config.name=notification-service").run(args);
    }
}
