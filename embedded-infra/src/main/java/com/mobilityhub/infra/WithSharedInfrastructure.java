package com.mobilityhub.infra;

import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Runs the test class against the JVM's shared real Kafka broker and PostgreSQL server
 * ({@link SharedInfrastructure}), exposed as Spring properties before any Spring context starts.
 * Put it before {@code @SpringBootTest} on the class.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Inherited
@ExtendWith(SharedInfrastructureExtension.class)
public @interface WithSharedInfrastructure {

    /** The database the app under test owns; empty for an app without one. */
    String database() default "";
}
