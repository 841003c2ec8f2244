package com.mobilityhub.billing.payments;

import com.mobilityhub.billing.invoices.InvoiceRepository;
import org.apache.camel.Exchange;
import org.apache.camel.LoggingLevel;
import org.apache.camel.builder.RouteBuilder;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.UUID;

/**
 * Settling an invoice (body: its id), step by step: capture the booking's credit hold, then charge what
 * the credits did not cover through the payment gateway. Whatever fails leaves the invoice
 * PAYMENT_PENDING, and settle-pending-invoices takes it up again on schedule until it is PAID. Each
 * step is idempotent (capture keyed by booking, gateway keyed by invoice, conditional state changes),
 * so running a settlement again, or two at once, pays an invoice exactly once.
 */
@Component
public class SettlementRoutes extends RouteBuilder {

    /** Exchange property: the {@link SettlementPlan} as the steps update it. */
    public static final String PLAN = "mobilityBillingSettlementPlan";

    private final Settlements settlements;
    private final InvoiceRepository invoices;
    private final SettlementSchedule schedule;

    public SettlementRoutes(Settlements settlements, InvoiceRepository invoices, SettlementSchedule schedule) {
        this.settlements = settlements;
        this.invoices = invoices;
        this.schedule = schedule;
    }

    @Override
    public void configure() {
        from("direct:settle-invoice").routeId("settle-invoice")
                // user-service unreachable, a database hiccup...: the schedule retries it. (An onException,
                // not doTry: inside doTry the gateway route's own retries and fallback would be bypassed.)
                .onException(Exception.class)
                    .continued(true)       // not handled(true): that would also stop the caller's route
                    .maximumRedeliveries(0)
                    .process(this::leavePending)
                .end()
                .to("direct:settlement-steps");

        from("direct:settlement-steps").routeId("settlement-steps")
                .errorHandler(noErrorHandler())
                .process(exchange -> exchange.setProperty(PLAN, settlements.plan(invoiceId(exchange))))
                .filter(exchange -> plan(exchange).needsCapture())
                    .to("direct:capture-credits")
                .end()
                .choice()
                    .when(exchange -> plan(exchange).settled())
                        .log(LoggingLevel.DEBUG, "Invoice ${body} is settled already")
                    .when(exchange -> plan(exchange).gatewayDue().signum() == 0)
                        .process(exchange -> settlements.paid(plan(exchange).invoiceId(), plan(exchange).gatewayDue(), null))
                    .otherwise()
                        .to("direct:charge-payment-gateway")
                .end();

        from("timer:settle-pending-invoices?delay=" + schedule.period().toMillis() + "&period=" + schedule.period().toMillis())
                .routeId("settle-pending-invoices")
                .process(exchange -> exchange.getMessage().setBody(invoices.findUnsettled(
                        Instant.now().minus(schedule.grace()), PageRequest.of(0, schedule.batch()))))
                .split(body())
                    .to("direct:settle-invoice")
                .end();
    }

    private void leavePending(Exchange exchange) {
        Exception cause = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        log.warn("Settlement of invoice {} failed; it stays pending: {}", invoiceId(exchange), String.valueOf(cause));
        settlements.pending(invoiceId(exchange), "settlement failed: " + (cause == null ? "unknown" : cause.getMessage()));
    }

    static SettlementPlan plan(Exchange exchange) {
        return exchange.getProperty(PLAN, SettlementPlan.class);
    }

    private static UUID invoiceId(Exchange exchange) {
        SettlementPlan plan = plan(exchange);
        return plan != null ? plan.invoiceId() : exchange.getMessage().getBody(UUID.class);
    }
}
