package com.mobilityhub.notifications;

import com.mobilityhub.notifications.booking.ConfirmationFaults;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

/** notification-service: the notifications sent to users, and their feedback. */
@SpringBootApplication
@EnableConfigurationProperties(ConfirmationFaults.class)
public class NotificationServiceApplication {

    public static void main(String[] args) {
        // Named configuration (notification-service.yml), so several apps can share one JVM in tests.
        new SpringApplicationBuilder(NotificationServiceApplication.class)
                .properties("spring.config.name=notification-service").run(args);
    }
}
