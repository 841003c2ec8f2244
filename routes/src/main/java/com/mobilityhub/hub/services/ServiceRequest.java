package com.mobilityhub.hub.services;

import com.mobilityhub.kit.api.Problem;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an operation route asks of its service: method, path and the query parameters it forwards.
 * As a {@link Processor} it checks the request's path ids (UUIDs, else 404 before any call) and
 * leaves the request on the exchange for the service's call route.
 *
 * <pre>{@code from("direct:get-user").routeId("get-user")
 *     .process(ServiceRequest.get("/users/{id}").of("User"))
 *     .to(DomainService.USERS.callEndpoint());}</pre>
 */
public final class ServiceRequest implements Processor {

    /** Exchange property holding the request for the call route. */
    public static final String PROPERTY = "mobilityHubServiceRequest";

    private static final Pattern PATH_ID = Pattern.compile("\\{([A-Za-z]+)}");

    private final String method;
    private final String pathTemplate;
    private final Set<String> forwardedQueryParameters;
    private final String resource;

    private ServiceRequest(String method, String pathTemplate, Set<String> forwardedQueryParameters, String resource) {
        this.method = method;
        this.pathTemplate = pathTemplate;
        this.forwardedQueryParameters = Set.copyOf(forwardedQueryParameters);
        this.resource = resource;
    }

    public static ServiceRequest get(String pathTemplate) {
        return new ServiceRequest("GET", pathTemplate, Set.of(), "Resource");
    }

    public static ServiceRequest post(String pathTemplate) {
        return new ServiceRequest("POST", pathTemplate, Set.of(), "Resource");
    }

    public static ServiceRequest put(String pathTemplate) {
        return new ServiceRequest("PUT", pathTemplate, Set.of(), "Resource");
    }

    /** Names what the path ids point at, for the 404 title ("User not found"). */
    public ServiceRequest of(String resource) {
        return new ServiceRequest(method, pathTemplate, forwardedQueryParameters, resource);
    }

    /** Query parameters passed on to the service; any other is dropped. */
    public ServiceRequest forwardingQuery(String... names) {
        return new ServiceRequest(method, pathTemplate, Set.of(names), resource);
    }

    @Override
    public void process(Exchange exchange) {
        exchange.setProperty(PROPERTY, new Prepared(method, resolvePath(exchange),
                QueryStrings.retain(exchange.getMessage().getHeader(Exchange.HTTP_QUERY, String.class),
                        forwardedQueryParameters)));
    }

    private String resolvePath(Exchange exchange) {
        Matcher ids = PATH_ID.matcher(pathTemplate);
        StringBuilder path = new StringBuilder();
        while (ids.find()) {
            String name = ids.group(1);
            ids.appendReplacement(path, requireUuid(exchange.getMessage().getHeader(name, String.class), name).toString());
        }
        ids.appendTail(path);
        return path.toString();
    }

    private UUID requireUuid(String raw, String name) {
        if (raw != null) {
            try {
                UUID id = UUID.fromString(raw);
                // UUID.fromString accepts shortened groups ("1-2-3-4-5"): only the canonical form names a resource.
                if (id.toString().equalsIgnoreCase(raw)) {
                    return id;
                }
            } catch (IllegalArgumentException e) {
                // not a UUID: nothing can have this id
            }
        }
        String what = resource.toLowerCase(Locale.ROOT);
        throw new ProblemException(404, "urn:mobility-hub:problem:not-found", resource + " not found",
                "No " + what + " has this id: ids are UUIDs",
                List.of(new Problem.FieldError(name, "must be a UUID")));
    }

    /** The request as resolved for one exchange; {@code query} is raw (still encoded) or null. */
    public record Prepared(String method, String path, String query) {
    }
}
