package com.mobilityhub.hub.services;

import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One call route per domain service ({@code call-user-service}, ...): the only place the hub talks
 * HTTP to a service. It forwards a whitelist of the client's headers, relays the service's status,
 * body, Content-Type and Location (made public; a problem's {@code instance} too), and turns a
 * service that cannot be reached or does not answer in time into a 503 problem. Circuit breakers
 * belong here, around the call.
 */
@Component
public class ServiceCallRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCallRoutes.class);

    /** Client headers a service may see; every other header (Host, Authorization, Camel's own, ...) is dropped. */
    static final List<String> FORWARDED_REQUEST_HEADERS =
            List.of(Exchange.CONTENT_TYPE, "Idempotency-Key", "traceparent", "tracestate");

    private static final String REQUEST_URI = "mobilityHubRequestUri";

    private final ServiceEndpoints endpoints;
    private final PublicLocations publicLocations;

    public ServiceCallRoutes(ServiceEndpoints endpoints, PublicLocations publicLocations) {
        this.endpoints = endpoints;
        this.publicLocations = publicLocations;
    }

    @Override
    public void configure() {
        for (DomainService service : DomainService.values()) {
            from(service.callEndpoint()).routeId(service.callRouteId())
                    // Failures travel back to the operation route, whose ApiRouteBuilder answers problem+json.
                    .errorHandler(noErrorHandler())
                    .process(ServiceCallRoutes::prepareRequest)
                    .doTry()
                        .to(httpEndpoint(service))
                    .doCatch(IOException.class)
                        .process(exchange -> unavailable(exchange, service))
                    .end()
                    .process(exchange -> relayResponse(exchange, service));
        }
    }

    /** The service's base URL with the timeouts and pool size; status codes are relayed, never thrown. */
    String httpEndpoint(DomainService service) {
        return endpoints.of(service).url()
                + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + endpoints.connectTimeout().toMillis()
                + "&connectionRequestTimeout=" + endpoints.connectTimeout().toMillis()
                + "&responseTimeout=" + endpoints.responseTimeout().toMillis()
                + "&soTimeout=" + endpoints.responseTimeout().toMillis()
                + "&maxTotalConnections=" + endpoints.maxConnections()
                + "&connectionsPerRoute=" + endpoints.maxConnections();
    }

    static void prepareRequest(Exchange exchange) {
        ServiceRequest.Prepared request = exchange.getProperty(ServiceRequest.PROPERTY, ServiceRequest.Prepared.class);
        if (request == null) {
            throw new IllegalStateException("No ServiceRequest on the exchange: the operation route must process one first");
        }
        Message message = exchange.getMessage();
        exchange.setProperty(REQUEST_URI, message.getHeader(Exchange.HTTP_URI));
        Map<String, Object> forwarded = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String name : FORWARDED_REQUEST_HEADERS) {
            Object value = message.getHeader(name);
            if (value != null) {
                forwarded.put(name, value);
            }
        }
        message.removeHeaders("*");
        message.setHeaders(forwarded);
        message.setHeader(Exchange.HTTP_METHOD, request.method());
        message.setHeader(Exchange.HTTP_PATH, request.path());
        if (request.query() != null) {
            message.setHeader(Exchange.HTTP_RAW_QUERY, request.query());
        }
        if ("GET".equals(request.method())) {
            message.setBody(null);
        } else {
            byte[] body = message.getBody(byte[].class);
            message.setBody(body);
            if (body != null && body.length > 0 && message.getHeader(Exchange.CONTENT_TYPE) == null) {
                message.setHeader(Exchange.CONTENT_TYPE, "application/json");
            }
        }
    }

    private void relayResponse(Exchange exchange, DomainService service) {
        Message message = exchange.getMessage();
        Integer status = message.getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        String contentType = message.getHeader(Exchange.CONTENT_TYPE, String.class);
        String location = message.getHeader("Location", String.class);
        byte[] body = message.getBody(byte[].class);
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        if (contentType != null) {
            message.setHeader(Exchange.CONTENT_TYPE, contentType);
        }
        if (location != null) {
            message.setHeader("Location", publicLocations.toPublic(location, endpoints.of(service).url()));
        }
        message.setBody(RelayedProblems.isProblem(contentType)
                ? RelayedProblems.withInstance(body, exchange.getProperty(REQUEST_URI, String.class))
                : body);
    }

    private void unavailable(Exchange exchange, DomainService service) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        LOG.warn("{} {} on {} failed: {}", service.appName(), describe(exchange), endpoints.of(service).url(),
                cause == null ? "unknown" : cause.toString());
        // ApiRouteBuilder names the client's request in the problem's "instance".
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_URI, exchange.getProperty(REQUEST_URI));
        throw new ProblemException(503, "urn:mobility-hub:problem:service-unavailable", "Service unavailable",
                service.appName() + " could not be reached or did not answer in time; try again later", List.of());
    }

    private static String describe(Exchange exchange) {
        ServiceRequest.Prepared request = exchange.getProperty(ServiceRequest.PROPERTY, ServiceRequest.Prepared.class);
        return request == null ? "" : request.method() + " " + request.path();
    }
}
