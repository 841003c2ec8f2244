package com.mobilityhub.users.credits;

import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.JsonRequests;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * {@code POST /credits/holds/{bookingId}/capture {amount}}: internal, called by billing-service when
 * the booking's trip completed (not routed by the hub). 200 with the capture (the same one on a
 * repeat); 404 when the booking has no hold; 409 when the hold was released or refused.
 */
@Component
public class CreditCaptureApi extends ApiRouteBuilder {

    private final CreditCaptures captures;
    private final JsonRequests requests;

    public CreditCaptureApi(CreditCaptures captures, JsonRequests requests) {
        this.captures = captures;
        this.requests = requests;
    }

    @Override
    protected void configureApi() {
        rest("/credits/holds")
                .post("/{bookingId}/capture").consumes("application/json").produces("application/json")
                .to("direct:capture-credit-hold");

        from("direct:capture-credit-hold").routeId("capture-credit-hold").process(this::capture);
    }

    private void capture(Exchange exchange) throws Exception {
        String bookingId = exchange.getMessage().getHeader("bookingId", String.class);
        if (bookingId == null || bookingId.isBlank() || bookingId.length() > 100) {
            throw ProblemException.notFound("Credit hold", String.valueOf(bookingId));
        }
        CaptureCredits command = requests.read(exchange.getMessage().getBody(String.class), CaptureCredits.class);
        respond(exchange, 200, captures.capture(bookingId, command.amount()));
    }
}
