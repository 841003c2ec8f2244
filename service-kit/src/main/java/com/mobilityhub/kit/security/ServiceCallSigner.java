package com.mobilityhub.kit.security;

import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;

import java.net.URI;

/**
 * Adds the app's {@link ServiceCredentials} to a Camel HTTP call to another app: put it right before the
 * {@code to(http...)} (inside any retry loop, so each attempt carries a fresh timestamp). It signs the method
 * ({@code CamelHttpMethod}, default GET) and the path the callee will see: the base URL's own path followed by
 * {@code CamelHttpPath}. Adds nothing while no secret is configured.
 */
public final class ServiceCallSigner implements Processor {

    private final ServiceCredentials credentials;
    private final String prefix;

    /** @param baseUrl the callee's base URL as in the endpoint URI (it may carry a path prefix) */
    public ServiceCallSigner(ServiceCredentials credentials, String baseUrl) {
        this.credentials = credentials;
        String path = URI.create(baseUrl).getRawPath();
        this.prefix = path == null ? "" : path.replaceAll("/+$", "");
    }

    @Override
    public void process(Exchange exchange) {
        Message message = exchange.getMessage();
        String method = message.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        String path = message.getHeader(Exchange.HTTP_PATH, "", String.class);
        String fullPath = prefix + (path.startsWith("/") || path.isEmpty() ? path : "/" + path);
        credentials.sign(method, fullPath.isEmpty() ? "/" : fullPath).forEach(message::setHeader);
    }
}
