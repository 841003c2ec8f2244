package com.mobilityhub.notifications;

import com.mobilityhub.infra.WithSharedInfrastructure;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.context.SpringBootTest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The whole notification-service on a fixed free port (see {@link SagaInfrastructure}), against the
 * JVM's real PostgreSQL ({@code notifications} database), Kafka and LRA coordinator. Every integration
 * test class uses exactly this, so they share one context (and one Kafka consumer group member).
 * The confirmation fault injector fails every confirmation for {@link #FAILING_RIDER}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@WithSharedInfrastructure(database = "notifications")
@ExtendWith(SagaInfrastructure.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "spring.config.name=notification-service",
        "mobility.notifications.fail-confirmations-for-users=" + WholeNotificationService.FAILING_RIDER})
public @interface WholeNotificationService {

    /** A rider whose booking confirmations always fail (test fault injection). */
    String FAILING_RIDER = "0000fa11-0000-4000-8000-000000000001";
}
