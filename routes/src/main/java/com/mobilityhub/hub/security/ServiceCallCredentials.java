package com.mobilityhub.hub.security;

import com.mobilityhub.kit.security.ServiceCallSigner;
import com.mobilityhub.kit.security.ServiceCredentials;
import org.apache.camel.Processor;
import org.springframework.stereotype.Component;

/**
 * Adds the hub's service credential (service-kit's HMAC over method, path and time) to a call to a
 * domain service. The call routes put it right before the HTTP call, inside any retry, so each attempt
 * carries a fresh timestamp. Every hub call to a service goes through those routes (the consistency check
 * too); {@link ResourceOwners} signs its own. Adds nothing while no secret is configured
 * ({@code mobility.service-auth.secret}).
 */
@Component
public class ServiceCallCredentials {

    private final ServiceCredentials credentials;

    public ServiceCallCredentials(ServiceCredentials credentials) {
        this.credentials = credentials;
    }

    /** The processor for calls to the service at {@code baseUrl} (which may carry a path prefix). */
    public Processor signFor(String baseUrl) {
        return new ServiceCallSigner(credentials, baseUrl);
    }
}
