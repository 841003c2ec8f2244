package com.mobilityhub.hub.security;

import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.kit.api.Problem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.security.web.firewall.RequestRejectedHandler;

import java.io.IOException;
import java.util.List;

/**
 * The hub's security refusals as RFC 9457 problems, never with an exception's text: 401 with
 * {@code WWW-Authenticate: Bearer} (no or bad token), 403 (role not allowed), 404 (a rider asking
 * for someone else's resource), 400 (a request the firewall rejects, e.g. a path with {@code ..}).
 */
public class SecurityProblems implements AuthenticationEntryPoint, AccessDeniedHandler, RequestRejectedHandler {

    /** The detail of a rider's "not yours" 404 (the same for what does not exist at all). */
    public static final String NOT_YOURS_DETAIL = "No such resource";

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException {
        boolean badToken = failure instanceof InvalidBearerTokenException
                || failure.getClass().getSimpleName().contains("BearerToken") || request.getHeader("Authorization") != null;
        response.setHeader("WWW-Authenticate", badToken
                ? "Bearer error=\"invalid_token\", error_description=\"The bearer token is malformed, expired or not trusted\""
                : "Bearer");
        write(request, response, 401, "unauthenticated", "Unauthenticated",
                badToken ? "The bearer token is malformed, expired or not trusted" : "A bearer token is required");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
            throws IOException {
        if (denied instanceof AuthorizationDeniedException authorization
                && authorization.getAuthorizationResult() instanceof HubAccessPolicy.NotTheOwner) {
            notFound(request, response);
            return;
        }
        response.setHeader("WWW-Authenticate", "Bearer error=\"insufficient_scope\"");
        write(request, response, 403, "forbidden", "Forbidden", "Your role may not call this operation");
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, RequestRejectedException rejected)
            throws IOException {
        write(request, response, 400, "invalid-request", "Invalid request", "The request path or headers are not acceptable");
    }

    static void notFound(HttpServletRequest request, HttpServletResponse response) throws IOException {
        write(request, response, 404, "not-found", "Not found", NOT_YOURS_DETAIL);
    }

    static void write(HttpServletRequest request, HttpServletResponse response, int status, String type, String title,
                      String detail) throws IOException {
        write(request, response, new Problem("urn:mobility-hub:problem:" + type, title, status, detail,
                instance(request), List.of()));
    }

    static void write(HttpServletRequest request, HttpServletResponse response, Problem problem) throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.setStatus(problem.status());
        response.setContentType(Problem.MEDIA_TYPE);
        response.getOutputStream().write(EventJson.mapper().writeValueAsBytes(problem));
        response.flushBuffer();
    }

    /** The request's path as the client sent it (no query: it may carry someone's data). */
    private static String instance(HttpServletRequest request) {
        return request.getRequestURI();
    }
}
