package com.mobilityhub.kit.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventJson;
import org.apache.camel.Exchange;
import org.apache.camel.builder.RouteBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Base for REST DSL route builders: every failure in its routes becomes an RFC 9457 problem.
 * A {@link ProblemException} keeps its status; anything else is a 500 whose body reveals no internals.
 */
public abstract class ApiRouteBuilder extends RouteBuilder {

    private static final Logger LOG = LoggerFactory.getLogger(ApiRouteBuilder.class);

    @Override
    public final void configure() throws Exception {
        onException(ProblemException.class)
                .handled(true)
                .process(exchange -> {
                    ProblemException problem = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, ProblemException.class);
                    respond(exchange, problem.status(), problem.toProblem(requestPath(exchange)));
                });
        onException(Exception.class)
                .handled(true)
                .process(exchange -> {
                    Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
                    LOG.error("Request {} failed", requestPath(exchange), cause);
                    respond(exchange, 500, new Problem("urn:mobility-hub:problem:internal", "Internal error", 500,
                            "The request could not be completed; it has been logged.", requestPath(exchange), List.of()));
                });
        configureApi();
    }

    /** Declare the REST DSL and its routes here. */
    protected abstract void configureApi() throws Exception;

    /** Writes {@code value} as the JSON response body with {@code status}. */
    public static void respond(Exchange exchange, int status, Object value) throws JsonProcessingException {
        exchange.getMessage().removeHeaders("*");
        exchange.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE,
                value instanceof Problem ? Problem.MEDIA_TYPE : "application/json");
        exchange.getMessage().setBody(EventJson.mapper().writeValueAsString(value));
    }

    private static String requestPath(Exchange exchange) {
        return exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
    }
}
