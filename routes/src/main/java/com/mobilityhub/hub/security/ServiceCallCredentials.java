package com.mobilityhub.hub.security;

import com.mobilityhub.kit.security.ServiceCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

import java.net.URI;

/**
 * Adds the hub's service credential (service-kit's HMAC over method, path and time) to a call to a
 * domain service. The call routes put it right before the HTTP call, inside any retry, so each attempt
 * carries a fresh timestamp. Adds nothing while no secret is configured ({@code mobility.service-auth.secret}).
 */
@Component
public class ServiceCallCredentials {

    private final ServiceCredentials credentials;

    public ServiceCallCredentials(ServiceCredentials credentials) {
        this.credentials = credentials;
    }

    /** The processor for calls to the service at {@code baseUrl} (which may carry a path prefix). */
    public Processor signFor(String baseUrl) {
        String prefix = stripTrailingSlash(URI.create(baseUrl).getRawPath());
        return exchange -> sign(exchange.getMessage(), prefix);
    }

    private void sign(Message message, String prefix) {
        String method = message.getHeader(Exchange.HTTP_METHOD, "GET", String.class);
        String path = message.getHeader(Exchange.HTTP_PATH, "", String.class);
        String fullPath = prefix + (path.startsWith("/") || path.isEmpty() ? path : "/" + path);
        credentials.sign(method, fullPath.isEmpty() ? "/" : fullPath).forEach(message::setHeader);
    }

    private static String stripTrailingSlash(String path) {
        return path == null ? "" : path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
