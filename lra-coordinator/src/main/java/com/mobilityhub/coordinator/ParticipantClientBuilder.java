package com.mobilityhub.coordinator;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.ClientBuilder;
import jakarta.ws.rs.core.Configuration;
import java.security.KeyStore;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.glassfish.jersey.client.JerseyClientBuilder;

/**
 * The JAX-RS {@link ClientBuilder} of this process (registered in {@code META-INF/services}): a plain
 * {@code ClientBuilder.newClient()} gets the one {@link SharedParticipantClient}; a builder that was configured (or
 * asked for its configuration) builds an ordinary Jersey client of its own.
 *
 * <p>Why: Narayana's coordinator calls {@code ClientBuilder.newClient()} for every participant callback (complete,
 * compensate, status, after-LRA) and closes the client after it. A new Jersey client boots its whole runtime (injection
 * manager, provider scan, class loading, an async thread pool) on its first request: the JFR profile in
 * docs/benchmarks.md found ~57 % of the coordinator's CPU there under the raw-coordinator benchmark. Narayana 1.1.0
 * only ever calls {@code newClient()} with no configuration, so this changes nothing else.
 */
public class ParticipantClientBuilder extends ClientBuilder {

    /** Created on first configuration only: a Jersey builder scans for listeners when created, which is not free. */
    private JerseyClientBuilder jersey;

    @Override
    public Client build() {
        return jersey != null ? jersey.build() : SharedParticipantClient.instance();
    }

    private JerseyClientBuilder jersey() {
        if (jersey == null) {
            jersey = new JerseyClientBuilder();
        }
        return jersey;
    }

    @Override
    public ClientBuilder withConfig(Configuration config) {
        jersey().withConfig(config);
        return this;
    }

    @Override
    public ClientBuilder sslContext(SSLContext sslContext) {
        jersey().sslContext(sslContext);
        return this;
    }

    @Override
    public ClientBuilder keyStore(KeyStore keyStore, char[] password) {
        jersey().keyStore(keyStore, password);
        return this;
    }

    @Override
    public ClientBuilder trustStore(KeyStore trustStore) {
        jersey().trustStore(trustStore);
        return this;
    }

    @Override
    public ClientBuilder hostnameVerifier(HostnameVerifier verifier) {
        jersey().hostnameVerifier(verifier);
        return this;
    }

    @Override
    public ClientBuilder executorService(ExecutorService executorService) {
        jersey().executorService(executorService);
        return this;
    }

    @Override
    public ClientBuilder scheduledExecutorService(ScheduledExecutorService scheduledExecutorService) {
        jersey().scheduledExecutorService(scheduledExecutorService);
        return this;
    }

    @Override
    public ClientBuilder connectTimeout(long timeout, TimeUnit unit) {
        jersey().connectTimeout(timeout, unit);
        return this;
    }

    @Override
    public ClientBuilder readTimeout(long timeout, TimeUnit unit) {
        jersey().readTimeout(timeout, unit);
        return this;
    }

    @Override
    public Configuration getConfiguration() {
        return jersey().getConfiguration();
    }

    @Override
    public ClientBuilder property(String name, Object value) {
        jersey().property(name, value);
        return this;
    }

    @Override
    public ClientBuilder register(Class<?> componentClass) {
        jersey().register(componentClass);
        return this;
    }

    @Override
    public ClientBuilder register(Class<?> componentClass, int priority) {
        jersey().register(componentClass, priority);
        return this;
    }

    @Override
    public ClientBuilder register(Class<?> componentClass, Class<?>... contracts) {
        jersey().register(componentClass, contracts);
        return this;
    }

    @Override
    public ClientBuilder register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
        jersey().register(componentClass, contracts);
        return this;
    }

    @Override
    public ClientBuilder register(Object component) {
        jersey().register(component);
        return this;
    }

    @Override
    public ClientBuilder register(Object component, int priority) {
        jersey().register(component, priority);
        return this;
    }

    @Override
    public ClientBuilder register(Object component, Class<?>... contracts) {
        jersey().register(component, contracts);
        return this;
    }

    @Override
    public ClientBuilder register(Object component, Map<Class<?>, Integer> contracts) {
        jersey().register(component, contracts);
        return this;
    }
}
