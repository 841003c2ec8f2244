package com.mobilityhub.hub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.kit.api.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A rider acts for themself: the user id of their commands and lists comes from the token. A
 * booking's body {@code userId} may be left out (the hub fills it in) or must be theirs (else 403
 * naming {@code userId}); a list without {@code userId} is narrowed to theirs. Runs after
 * {@link HubAccessPolicy}, which already refused someone else's id in a list's query.
 */
public class RiderRequests extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Caller> caller = Caller.of(SecurityContextHolder.getContext().getAuthentication());
        if (caller.isEmpty() || !caller.get().onlyRider()) {
            chain.doFilter(request, response);
            return;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        AccessTable.Ownership ownership = AccessTable.match(request.getMethod(), path)
                .map(match -> match.rule().riderOwns()).orElse(AccessTable.Ownership.NONE);
        String own = caller.get().userId().map(UUID::toString).orElse("");
        switch (ownership) {
            case QUERY_USER -> chain.doFilter(request.getParameter("userId") == null
                    ? RewrittenRequest.withQueryParameter(request, "userId", own) : request, response);
            case BODY_USER -> forOwnUser(request, response, chain, own);
            default -> chain.doFilter(request, response);
        }
    }

    private static void forOwnUser(HttpServletRequest request, HttpServletResponse response, FilterChain chain, String own)
            throws IOException, ServletException {
        byte[] body = request.getInputStream().readAllBytes(); // already in memory and capped (RequestLimits)
        JsonNode command;
        try {
            command = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            command = null; // malformed: the operation answers 400 naming the field
        }
        if (command instanceof ObjectNode object) {
            JsonNode userId = object.get("userId");
            if (userId == null || userId.isNull()) {
                object.put("userId", own);
                body = EventJson.mapper().writeValueAsBytes(object);
            } else if (!userId.isTextual() || !userId.asText().equalsIgnoreCase(own)) {
                SecurityProblems.write(request, response, new Problem("urn:mobility-hub:problem:forbidden", "Forbidden",
                        403, "A rider books for themself", request.getRequestURI(),
                        List.of(new Problem.FieldError("userId", "must be your own user id (or left out)"))));
                return;
            }
        }
        chain.doFilter(RewrittenRequest.withBody(request, body), response);
    }
}
