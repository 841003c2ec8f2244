package com.mobilityhub.kit;

import com.mobilityhub.kit.api.JsonRequests;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.kit.outbox.OutboxEvent;
import com.mobilityhub.kit.outbox.OutboxRelayRoute;
import com.mobilityhub.kit.security.SagaCallbackFilter;
import com.mobilityhub.kit.security.SagaCallbackToken;
import com.mobilityhub.kit.security.SagaStepsCarryCallbackTokens;
import com.mobilityhub.kit.security.ServiceCredentialFilter;
import com.mobilityhub.kit.security.ServiceCredentials;
import jakarta.persistence.EntityManagerFactory;
import org.apache.camel.CamelContext;
import jakarta.validation.Validator;
import org.flywaydb.core.api.Location;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.autoconfigure.orm.jpa.HibernateJpaAutoConfiguration;
import org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.orm.jpa.SharedEntityManagerCreator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What every mobility-hub app gets by depending on service-kit. */
@AutoConfiguration(after = {HibernateJpaAutoConfiguration.class, ValidationAutoConfiguration.class})
public class ServiceKitAutoConfiguration {

    @Bean
    JsonRequests jsonRequests(Validator validator) {
        return new JsonRequests(validator);
    }

    /** Internal calls' credential (mobility.service-auth.*): signed by callers, checked by ServiceCredentialFilter. */
    @Bean
    @ConditionalOnMissingBean
    ServiceCredentials serviceCredentials(Environment environment) {
        return new ServiceCredentials(environment.getProperty("spring.application.name", "app"),
                environment.getProperty("mobility.service-auth.secret"),
                environment.getProperty("mobility.service-auth.max-skew", Duration.class, Duration.ofSeconds(60)),
                Clock.systemUTC());
    }

    /** Services refuse internal calls without a valid credential once a secret is configured (the hub opts out). */
    @Bean
    @ConditionalOnProperty(name = "mobility.service-auth.verify-incoming", havingValue = "true", matchIfMissing = true)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    FilterRegistrationBean<ServiceCredentialFilter> serviceCredentialFilter(ServiceCredentials credentials,
                                                                           Environment environment) {
        FilterRegistrationBean<ServiceCredentialFilter> registration = new FilterRegistrationBean<>(
                new ServiceCredentialFilter(credentials, ServiceCredentialFilter.openPaths(environment)));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
        registration.setEnabled(credentials.enabled());
        return registration;
    }

    /** Saga steps' callback tokens (SagaCallbackToken.forBooking), with the same secret as the service credential. */
    @Bean
    @ConditionalOnMissingBean
    SagaCallbackToken sagaCallbackToken(Environment environment) {
        return new SagaCallbackToken(environment.getProperty("mobility.service-auth.secret"));
    }

    /**
     * Every app with a saga step (the hub too, which verifies no service credential) refuses LRA callbacks
     * without a valid token once a secret is configured.
     */
    @Bean
    @ConditionalOnProperty(name = "mobility.service-auth.verify-saga-callbacks", havingValue = "true", matchIfMissing = true)
    @ConditionalOnClass(name = "jakarta.servlet.Filter")
    FilterRegistrationBean<SagaCallbackFilter> sagaCallbackFilter(SagaCallbackToken tokens, Environment environment) {
        FilterRegistrationBean<SagaCallbackFilter> registration = new FilterRegistrationBean<>(new SagaCallbackFilter(tokens,
                environment.getProperty("camel.lra.local-participant-context-path", "/lra-participant")));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 9);
        registration.setEnabled(tokens.enabled());
        return registration;
    }

    /** Names, at start with a secret set, every saga step that forgot its callback token (its callbacks would all be 403). */
    @Bean
    @ConditionalOnProperty(name = "mobility.service-auth.verify-saga-callbacks", havingValue = "true", matchIfMissing = true)
    SagaStepsCarryCallbackTokens sagaStepsCarryCallbackTokens(CamelContext camel, SagaCallbackToken tokens) {
        return new SagaStepsCarryCallbackTokens(camel, tokens);
    }

    /** Apps that own a database: transactional outbox, its relay, and the processed-event store. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(EntityManagerFactory.class)
    @ConditionalOnBean(EntityManagerFactory.class)
    // Puts OutboxEvent in the app's persistence unit without the app having to scan for it.
    @AutoConfigurationPackage(basePackageClasses = OutboxEvent.class)
    static class Persistence {

        static final String KIT_MIGRATIONS = "classpath:db/kit";

        @Bean
        Outbox outbox(EntityManagerFactory entityManagerFactory) {
            return new Outbox(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
        }

        @Bean
        ProcessedEvents processedEvents(EntityManagerFactory entityManagerFactory) {
            return new ProcessedEvents(SharedEntityManagerCreator.createSharedEntityManager(entityManagerFactory));
        }

        @Bean
        @ConditionalOnProperty(name = "mobility.outbox.relay-enabled", havingValue = "true", matchIfMissing = true)
        OutboxRelayRoute outboxRelayRoute() {
            return new OutboxRelayRoute();
        }

        /** The kit's tables migrate with each app's own migrations (kit versions are V0_x, apps start at V1). */
        @Bean
        @ConditionalOnClass(name = "org.flywaydb.core.Flyway")
        FlywayConfigurationCustomizer serviceKitMigrations() {
            return configuration -> {
                List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
                Location kit = new Location(KIT_MIGRATIONS);
                if (!locations.contains(kit)) {
                    locations.add(kit);
                }
                configuration.locations(locations.toArray(Location[]::new));
            };
        }
    }
}
