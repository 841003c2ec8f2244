package com.mobilityhub.kit.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses LRA participant callbacks ({@code <participant context path>/compensate}, {@code /complete}, anything
 * under it) whose {@link SagaCallbackToken} does not match their {@code Long-Running-Action} header and
 * {@code bookingId}: 403 problem+json, before Camel sees the request, so nothing is released or confirmed.
 * Runs before the app's own security (the coordinator carries no JWT or service credential). Registered by
 * service-kit and enabled only when {@code mobility.service-auth.secret} is set.
 */
public class SagaCallbackFilter extends OncePerRequestFilter {

    private static final Logger LOG = LoggerFactory.getLogger(SagaCallbackFilter.class);

    private final SagaCallbackToken tokens;
    private final String participantSegment;

    /** @param participantContextPath camel-lra's {@code local-participant-context-path} (default {@code /lra-participant}) */
    public SagaCallbackFilter(SagaCallbackToken tokens, String participantContextPath) {
        this.tokens = tokens;
        String path = participantContextPath.startsWith("/") ? participantContextPath : "/" + participantContextPath;
        this.participantSegment = path.endsWith("/") ? path : path + "/";
    }

    /** Services serve callbacks at /lra-participant/..., the hub under its REST context (/api/v1/lra-participant/...). */
    boolean isCallback(String path) {
        return path.contains(participantSegment);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!tokens.enabled() || !isCallback(path)) {
            chain.doFilter(request, response);
            return;
        }
        String refusal = tokens.refusal(request.getHeader("Long-Running-Action"),
                request.getParameter(SagaCallbackToken.BOOKING_ID), request.getParameter(SagaCallbackToken.OPTION));
        if (refusal == null) {
            chain.doFilter(request, response);
            return;
        }
        // Never the token itself in the log: a valid one would let a reader replay the callback.
        LOG.warn("Refused LRA callback {} {} from {}: {}", request.getMethod(), path, request.getRemoteAddr(), refusal);
        response.setStatus(403);
        response.setContentType("application/problem+json");
        response.getOutputStream().write(("{\"type\":\"urn:mobility-hub:problem:forbidden\",\"title\":\"Forbidden\","
                + "\"status\":403,\"detail\":\"LRA participant callback without a valid saga callback token\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
