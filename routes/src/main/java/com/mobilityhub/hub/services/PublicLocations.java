package com.mobilityhub.hub.services;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Turns a service's {@code Location} ({@code /users/42}, or absolute on the service's own host)
 * into the public one under the hub's API base path ({@code /api/v1/users/42}). The result is a
 * path-absolute reference: clients resolve it against the hub they called, never the service.
 */
@Component
public class PublicLocations {

    private final String publicBasePath;

    public PublicLocations(@Value("${camel.rest.context-path:/api/v1}") String publicBasePath) {
        this.publicBasePath = trimTrailingSlash(publicBasePath.startsWith("/") ? publicBasePath : "/" + publicBasePath);
    }

    public String toPublic(String location, URI serviceBase) {
        URI uri;
        try {
            uri = new URI(location.trim());
        } catch (URISyntaxException e) {
            // Not a reference we can map: better no Location than one pointing inside the platform.
            return publicBasePath;
        }
        String path = uri.getRawPath() == null ? "" : uri.getRawPath();
        String servicePrefix = trimTrailingSlash(serviceBase.getRawPath() == null ? "" : serviceBase.getRawPath());
        if (!servicePrefix.isEmpty() && (path.equals(servicePrefix) || path.startsWith(servicePrefix + "/"))) {
            path = path.substring(servicePrefix.length());
        }
        if (!path.startsWith("/")) {
            path = "/" + path;
        }
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return publicBasePath + path + query;
    }

    private static String trimTrailingSlash(String path) {
        return path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }
}
