package com.mobilityhub.hub.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventJson;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Read-only Jolokia for console viewers, enforced on the server (the Hawtio UI shows a viewer the same stop
 * buttons as an admin). A viewer may {@code read}, {@code list}, {@code search}, ask the {@code version}, and
 * {@code exec} operations that only report (named {@code get*}, {@code is*}, {@code list*}, {@code dump*},
 * {@code can*} on Camel's and Hawtio's MBeans, like Karaf's default JMX ACL: Hawtio's Camel views call {@code dumpRoutesAsXml()}).
 * Any other {@code exec} (stop a route), {@code write} (change an attribute), {@code notification} and anything
 * this filter cannot understand need an admin: 403, logged. The operation comes from the POST body (one request or a bulk
 * array, every element checked), or for GET from the path ({@code /jolokia/exec/...}) or the {@code p} parameter.
 */
public class JolokiaOperationGuard extends OncePerRequestFilter {

    /** The paths Jolokia answers on: its actuator endpoint and Hawtio's forward to it. */
    static final List<String> JOLOKIA_PATHS = List.of("/actuator/jolokia", "/actuator/hawtio/jolokia");

    private static final Logger LOG = LoggerFactory.getLogger(JolokiaOperationGuard.class);
    private static final Set<String> READ_ONLY = Set.of("read", "list", "search", "version");
    private static final Pattern REPORTING_OPERATION = Pattern.compile("(get|is|list|dump|can)([A-Z(].*)?");
    /** Hawtio's JMX tree request alone is over 1 MB (measured: 1.13 MB); larger bodies are refused, never buffered. */
    private static final int MAX_BODY_BYTES = 16 << 20;

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return jolokiaPath(request).isEmpty();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean admin = SecurityContextHolder.getContext().getAuthentication() != null
                && SecurityContextHolder.getContext().getAuthentication().getAuthorities().stream()
                .anyMatch(authority -> ConsoleRole.ADMIN.authority().equals(authority.getAuthority()));
        if (admin) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest forwarded = request;
        List<String> operations;
        if ("GET".equals(request.getMethod())) {
            operations = List.of(getOperation(request));
        } else if ("POST".equals(request.getMethod())) {
            byte[] body = readCapped(request.getInputStream());
            if (body == null) {
                LOG.info("Refused a Jolokia body over {} bytes (Content-Length {}) from console user {}", MAX_BODY_BYTES,
                        request.getContentLengthLong(), request.getRemoteUser());
                SecurityProblems.write(request, response, 413, "payload-too-large", "Payload too large",
                        "Jolokia requests are limited to " + MAX_BODY_BYTES + " bytes");
                return;
            }
            operations = postOperations(body);
            forwarded = RewrittenRequest.withBody(request, body);
        } else {
            operations = List.of(request.getMethod());
        }
        if (operations.isEmpty() || !READ_ONLY.containsAll(operations)) {
            LOG.info("Refused Jolokia {} {} of console user {}: {}", request.getMethod(), request.getRequestURI(),
                    request.getRemoteUser(), operations);
            SecurityProblems.write(request, response, 403, "forbidden", "Forbidden",
                    "A console viewer may read, list and search MBeans; operating them needs the admin role");
            return;
        }
        chain.doFilter(forwarded, response);
    }

    /** The request path below Jolokia's base ({@code /read/...}), if this is a Jolokia request. */
    private static Optional<String> jolokiaPath(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        for (String base : JOLOKIA_PATHS) {
            if (path.equals(base) || path.startsWith(base + "/")) {
                return Optional.of(path.substring(base.length()));
            }
        }
        return Optional.empty();
    }

    /** GET names its operation in the first path segment or the {@code p} parameter; no operation is "version". */
    private static String getOperation(HttpServletRequest request) {
        String parameter = request.getParameter("p");
        String path = parameter != null ? parameter : jolokiaPath(request).orElse("");
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        int slash = trimmed.indexOf('/');
        String operation = (slash < 0 ? trimmed : trimmed.substring(0, slash)).toLowerCase(Locale.ROOT);
        if (operation.equals("exec")) {
            // /exec/<mbean>/<operation>/<arguments...>: a '/' inside the mbean name is escaped as "!/"
            String[] segments = trimmed.split("(?<!!)/");
            return segments.length > 2 && reporting(segments[1], segments[2]) ? "read" : "exec";
        }
        return operation.isEmpty() ? "version" : operation;
    }

    /** The {@code type} of every request in the body; a body that is not Jolokia JSON yields an empty list. */
    private static List<String> postOperations(byte[] body) {
        JsonNode json;
        try {
            json = EventJson.mapper().readTree(body);
        } catch (IOException e) {
            return List.of();
        }
        List<JsonNode> requests = new ArrayList<>();
        if (json != null && json.isArray()) {
            json.forEach(requests::add);
        } else if (json != null) {
            requests.add(json);
        }
        List<String> operations = new ArrayList<>();
        for (JsonNode single : requests) {
            JsonNode type = single.path("type");
            if (!type.isTextual()) {
                return List.of();
            }
            String operation = type.asText().toLowerCase(Locale.ROOT);
            // An exec that only reports counts as a read.
            boolean reports = reporting(single.path("mbean").asText(""), single.path("operation").asText(""));
            operations.add(operation.equals("exec") && reports ? "read" : operation);
        }
        return operations;
    }

    /**
     * True for a Camel or Hawtio MBean's operation that only reports ({@code dumpRoutesAsXml()}; Hawtio's tree asks
     * {@code RBACRegistry.list()} and {@code canInvoke(...)} in bulk). Only those: the JVM's
     * own MBeans have "reporting" names that act ({@code HotSpotDiagnostic.dumpHeap} writes the heap to disk).
     */
    private static boolean reporting(String mbean, String operation) {
        return (mbean.startsWith("org.apache.camel:") || mbean.startsWith("hawtio:"))
                && REPORTING_OPERATION.matcher(operation).matches();
    }

    /** The body, or null when it is larger than the cap. */
    private static byte[] readCapped(InputStream in) throws IOException {
        byte[] body = in.readNBytes(MAX_BODY_BYTES + 1);
        return body.length > MAX_BODY_BYTES ? null : body;
    }
}
