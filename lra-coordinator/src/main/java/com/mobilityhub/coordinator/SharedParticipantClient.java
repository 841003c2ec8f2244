package com.mobilityhub.coordinator;

import jakarta.ws.rs.client.Client;
import jakarta.ws.rs.client.Invocation;
import jakarta.ws.rs.client.WebTarget;
import jakarta.ws.rs.core.Configuration;
import jakarta.ws.rs.core.Link;
import jakarta.ws.rs.core.UriBuilder;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.SSLContext;
import org.glassfish.jersey.client.JerseyClientBuilder;

/**
 * One Jersey client for every participant callback of the process, handed out by {@link ParticipantClientBuilder}.
 * Narayana closes "its" client after each call: {@link #close()} is therefore a no-op, and the client's runtime, its
 * async executor and the JDK's keep-alive connections to the participants are built once and reused.
 *
 * <p>Narayana waits for each callback itself (a timed {@code Future.get}); the read timeout here only frees the
 * virtual thread of a participant that never answers, long after Narayana has given up on it.
 */
final class SharedParticipantClient implements Client {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private static final Client JERSEY = new JerseyClientBuilder()
            .executorService(Executors.newVirtualThreadPerTaskExecutor())
            .connectTimeout(CONNECT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .readTimeout(READ_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
            .build();
    private static final SharedParticipantClient INSTANCE = new SharedParticipantClient();

    private SharedParticipantClient() {
    }

    static SharedParticipantClient instance() {
        return INSTANCE;
    }

    /** Kept open for the next callback: the client lives as long as the process. */
    @Override
    public void close() {
    }

    @Override
    public WebTarget target(String uri) {
        return JERSEY.target(uri);
    }

    @Override
    public WebTarget target(URI uri) {
        return JERSEY.target(uri);
    }

    @Override
    public WebTarget target(UriBuilder uriBuilder) {
        return JERSEY.target(uriBuilder);
    }

    @Override
    public WebTarget target(Link link) {
        return JERSEY.target(link);
    }

    @Override
    public Invocation.Builder invocation(Link link) {
        return JERSEY.invocation(link);
    }

    @Override
    public SSLContext getSslContext() {
        return JERSEY.getSslContext();
    }

    @Override
    public HostnameVerifier getHostnameVerifier() {
        return JERSEY.getHostnameVerifier();
    }

    @Override
    public Configuration getConfiguration() {
        return JERSEY.getConfiguration();
    }

    // Configuring the shared client would change it for every caller; Narayana never configures its clients.

    @Override
    public Client property(String name, Object value) {
        throw shared();
    }

    @Override
    public Client register(Class<?> componentClass) {
        throw shared();
    }

    @Override
    public Client register(Class<?> componentClass, int priority) {
        throw shared();
    }

    @Override
    public Client register(Class<?> componentClass, Class<?>... contracts) {
        throw shared();
    }

    @Override
    public Client register(Class<?> componentClass, Map<Class<?>, Integer> contracts) {
        throw shared();
    }

    @Override
    public Client register(Object component) {
        throw shared();
    }

    @Override
    public Client register(Object component, int priority) {
        throw shared();
    }

    @Override
    public Client register(Object component, Class<?>... contracts) {
        throw shared();
    }

    @Override
    public Client register(Object component, Map<Class<?>, Integer> contracts) {
        throw shared();
    }

    private static UnsupportedOperationException shared() {
        return new UnsupportedOperationException("The participant callback client is shared by the whole coordinator; "
                + "configure a ClientBuilder (ClientBuilder.newBuilder().register(...).build()) for a client of your own");
    }
}
