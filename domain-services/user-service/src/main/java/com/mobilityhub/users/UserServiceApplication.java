package com.mobilityhub.users;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** user-service: users, their preferences, credit accounts and credit holds. */
@SpringBootApplication
public class UserServiceApplication {

    public static final String CONFIG_NAME = "spring.config.name=user-service";

    public static void main(String[] args) {
        // Named configuration (user-service.yml), so several apps can share one JVM in tests.
        new SpringApplicationBuilder(UserServiceApplication.class).properties(CONFIG_NAME).run(args);
    }
}
