package com.mobilityhub.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.http.server.PathContainer;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A domain service's APIs are internal: every call must carry a valid {@link ServiceCredentials}
 * credential, or it is refused with 401 problem+json. Open paths are the probes and metrics
 * (scraped without a credential) and the LRA participant callbacks (the coordinator cannot sign them;
 * they must stay unreachable from outside: loopback locally, NetworkPolicies in Kubernetes).
 */
public class ServiceCredentialFilter extends OncePerRequestFilter {

    static final String DEFAULT_OPEN_PATHS = "/actuator/health/**,/actuator/prometheus,/actuator/info,/lra-participant/**";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCredentialFilter.class);

    private final ServiceCredentials credentials;
    private final List<PathPattern> openPaths;

    public ServiceCredentialFilter(ServiceCredentials credentials, List<String> openPaths) {
        this.credentials = credentials;
        this.openPaths = openPaths.stream().map(PathPatternParser.defaultInstance::parse).toList();
    }

    public static List<String> openPaths(Environment environment) {
        return Arrays.stream(environment.getProperty("mobility.service-auth.open-paths", DEFAULT_OPEN_PATHS).split(","))
                .map(String::trim).filter(path -> !path.isEmpty()).toList();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!credentials.enabled() || isOpen(path)) {
            chain.doFilter(request, response);
            return;
        }
        String refusal = credentials.refusal(request.getMethod(), request.getRequestURI(),
                request.getHeader(ServiceCredentials.SERVICE_HEADER), request.getHeader(ServiceCredentials.TIMESTAMP_HEADER),
                request.getHeader(ServiceCredentials.SIGNATURE_HEADER));
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        LOG.warn("Refused {} {} from {}: {}", request.getMethod(), path, request.getRemoteAddr(), refusal);
        response.setStatus(401);
        response.setHeader("WWW-Authenticate", "MobilityService");
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"urn:mobility-hub:problem:unauthenticated\",\"title\":\"Unauthenticated\","
                + "\"status\":401,\"detail\":\"Internal API: a valid service credential is required\"}")
                .getBytes(StandardCharsets.UTF_8));
    }

    private boolean isOpen(String path) {
        PathContainer container = PathContainer.parsePath(path);
        return openPaths.stream().anyMatch(pattern -> pattern.matches(container));
    }
}
