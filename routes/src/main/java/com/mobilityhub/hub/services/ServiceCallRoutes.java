package com.mobilityhub.hub.services;

import com.mobilityhub.kit.resilience.RetryAttempts;
import com.mobilityhub.hub.security.ServiceCallCredentials;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.Problem;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * One call route per domain service ({@code call-user-service}, ...): the only place the hub talks
 * HTTP to a service. It forwards a whitelist of the client's headers, relays the service's status,
 * body, Content-Type and Location (made public; a problem's {@code instance} too).
 *
 * <p>Each call goes through the service's own Resilience4j circuit breaker ({@link ServiceCircuitBreakers}),
 * limited in time by the HTTP call's own connect and response timeouts ({@code mobility.services.*-timeout}).
 * Not Resilience4j's TimeLimiter: in Camel 4.17 the call it abandons keeps running and later writes its
 * late result or exception onto the exchange that has moved on. A service that cannot be reached or
 * does not answer in time is a failure for the breaker; a GET is retried with exponential backoff
 * first (safe to repeat; writes are not). What still fails becomes a 503 problem with Retry-After;
 * while the breaker is open the 503 comes at once, without calling, and the breaker lets trial calls
 * through after {@code mobility.services.resilience.open-duration}, closing again when they succeed.
 * A service's own answers, 5xx included, are relayed and count as successful calls: the breaker is
 * about reaching services, not about their business outcomes. (The retries are this route's loop
 * ({@link RetryAttempts}), not Camel's redelivery: the error handler does not redeliver to a
 * circuitBreaker node.)
 */
@Component
public class ServiceCallRoutes extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceCallRoutes.class);

    /** Client headers a service may see; every other header (Host, Authorization, Camel's own, ...) is dropped. */
    static final List<String> FORWARDED_REQUEST_HEADERS =
            List.of(Exchange.CONTENT_TYPE, "Idempotency-Key", "traceparent", "tracestate");

    private static final String REQUEST_URI = "mobilityHubRequestUri";
    private static final String ATTEMPTS = "mobilityHubRetryAttempts";

    private final ServiceEndpoints endpoints;
    private final PublicLocations publicLocations;
    private final ServiceCircuitBreakers breakers;
    private final ServiceResilience resilience;
    private final ServiceCallCredentials credentials;

    public ServiceCallRoutes(ServiceEndpoints endpoints, PublicLocations publicLocations, ServiceCircuitBreakers breakers,
                             ServiceResilience resilience, ServiceCallCredentials credentials) {
        this.endpoints = endpoints;
        this.publicLocations = publicLocations;
        this.breakers = breakers;
        this.resilience = resilience;
        this.credentials = credentials;
    }

    @Override
    public void configure() {
        for (DomainService service : DomainService.values()) {
            getCamelContext().getRegistry().bind(ServiceCircuitBreakers.registryName(service), breakers.of(service));
            from(service.callEndpoint()).routeId(service.callRouteId())
                    // Failures travel back to the operation route, whose ApiRouteBuilder answers problem+json.
                    .errorHandler(noErrorHandler())
                    .process(ServiceCallRoutes::prepareRequest)
                    .process(exchange -> exchange.setProperty(ATTEMPTS, new RetryAttempts(
                            isRead(exchange) ? resilience.getRetries() : 0, resilience.retryDelay(),
                            resilience.retryBackoffMultiplier())))
                    .loopDoWhile(exchange -> attempts(exchange).another())
                        .delay().exchange(exchange -> attempts(exchange).delayBeforeNextMillis()).syncDelayed()
                        .doTry()
                            // Signed per attempt: each retry carries a fresh timestamp.
                            .process(credentials.signFor(endpoints.of(service).url().toString()))
                            .circuitBreaker()
                                .resilience4jConfiguration()
                                    .circuitBreaker(ServiceCircuitBreakers.registryName(service))
                                    .throwExceptionWhenHalfOpenOrOpenState(true)
                                .end()
                                .to(httpEndpoint(service))
                            .end()
                            .process(exchange -> attempts(exchange).succeeded())
                        .endDoTry()
                        .doCatch(IOException.class, TimeoutException.class, CallNotPermittedException.class)
                            .process(exchange -> attempts(exchange).failed(
                                    exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class)))
                        .end()
                    .end()
                    .choice()
                        .when(exchange -> attempts(exchange).hasSucceeded())
                            .process(exchange -> relayResponse(exchange, service))
                        .otherwise()
                            .process(exchange -> unavailable(exchange, service))
                    .end();
        }
    }

    private static RetryAttempts attempts(Exchange exchange) {
        return exchange.getProperty(ATTEMPTS, RetryAttempts.class);
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

    /** Answers 503 problem+json with Retry-After (the operation route relays it as it is). */
    private void unavailable(Exchange exchange, DomainService service) throws Exception {
        Throwable cause = attempts(exchange).lastFailure();
        boolean open = cause instanceof CallNotPermittedException;
        Duration retryAfter = open ? resilience.openDuration() : resilience.unavailableRetryAfter();
        if (open) {
            LOG.debug("{} {}: circuit open, not called", service.appName(), describe(exchange));
        } else {
            LOG.warn("{} {} on {} failed: {}", service.appName(), describe(exchange), endpoints.of(service).url(),
                    cause == null ? "unknown" : cause.toString());
        }
        String detail = open
                ? service.appName() + " is failing; calls to it are paused. Try again after the Retry-After delay"
                : service.appName() + " could not be reached or did not answer in time; try again later";
        ApiRouteBuilder.respond(exchange, 503, new Problem("urn:mobility-hub:problem:service-unavailable",
                "Service unavailable", 503, detail, exchange.getProperty(REQUEST_URI, String.class), List.of()));
        exchange.getMessage().setHeader("Retry-After", Math.max(1, (retryAfter.toMillis() + 999) / 1000));
    }

    private static boolean isRead(Exchange exchange) {
        ServiceRequest.Prepared request = exchange.getProperty(ServiceRequest.PROPERTY, ServiceRequest.Prepared.class);
        return request != null && "GET".equals(request.method());
    }

    private static String describe(Exchange exchange) {
        ServiceRequest.Prepared request = exchange.getProperty(ServiceRequest.PROPERTY, ServiceRequest.Prepared.class);
        return request == null ? "" : request.method() + " " + request.path();
    }
}
