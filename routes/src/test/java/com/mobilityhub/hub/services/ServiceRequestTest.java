package com.mobilityhub.hub.services;

import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServiceRequestTest {

    private final DefaultCamelContext camel = new DefaultCamelContext();

    @AfterEach
    void stop() throws Exception {
        camel.close();
    }

    @Test
    void resolvesThePathWithTheCanonicalIdAndTheForwardedQuery() {
        String id = UUID.randomUUID().toString();
        Exchange exchange = request("GET", id.toUpperCase(), "limit=5&secret=x");

        ServiceRequest.get("/vehicles/{id}/diagnostics").of("Vehicle").forwardingQuery("limit").process(exchange);

        assertThat(exchange.getProperty(ServiceRequest.PROPERTY, ServiceRequest.Prepared.class))
                .isEqualTo(new ServiceRequest.Prepared("GET", "/vehicles/" + id + "/diagnostics", "limit=5"));
    }

    @Test
    void refusesIdsThatAreNotCanonicalUuidsAsNotFound() {
        for (String id : new String[] {"42", "not-a-uuid", "1-1-1-1-1", "../admin"}) {
            Exchange exchange = request("GET", id, null);
            assertThatThrownBy(() -> ServiceRequest.get("/users/{id}").of("User").process(exchange))
                    .isInstanceOfSatisfying(ProblemException.class, problem -> {
                        assertThat(problem.status()).isEqualTo(404);
                        assertThat(problem.toProblem("/x").title()).isEqualTo("User not found");
                        assertThat(problem.toProblem("/x").errors()).extracting("field").containsExactly("id");
                    });
            assertThat(exchange.getProperty(ServiceRequest.PROPERTY)).isNull();
        }
    }

    @Test
    void forwardsOnlyWhitelistedHeaders() {
        Exchange exchange = request("POST", UUID.randomUUID().toString(), null);
        exchange.getMessage().setHeader("Content-Type", "application/json");
        exchange.getMessage().setHeader("Idempotency-Key", "k-1");
        exchange.getMessage().setHeader("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01");
        exchange.getMessage().setHeader("Authorization", "Bearer secret");
        exchange.getMessage().setHeader("Host", "hub.example.com");
        exchange.getMessage().setHeader("X-Internal", "1");
        exchange.getMessage().setBody("{\"amount\":1}");
        ServiceRequest.post("/users/{id}/credits").of("User").process(exchange);

        ServiceCallRoutes.prepareRequest(exchange);

        assertThat(exchange.getMessage().getHeaders().keySet()).containsExactlyInAnyOrder(
                "Content-Type", "Idempotency-Key", "traceparent",
                Exchange.HTTP_METHOD, Exchange.HTTP_PATH);
        assertThat(exchange.getMessage().getBody(String.class)).isEqualTo("{\"amount\":1}");
    }

    private Exchange request(String method, String id, String query) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getMessage().setHeader(Exchange.HTTP_METHOD, method);
        exchange.getMessage().setHeader(Exchange.HTTP_URI, "/api/v1/things/" + id);
        exchange.getMessage().setHeader("id", id);
        if (query != null) {
            exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
        }
        return exchange;
    }
}
