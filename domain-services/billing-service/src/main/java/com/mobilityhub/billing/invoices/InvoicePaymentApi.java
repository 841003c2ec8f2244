package com.mobilityhub.billing.invoices;

import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code POST /billing/invoices/{id}/payments}: pay an open invoice now (ISSUED or PAYMENT_PENDING)
 * instead of waiting for the schedule. Runs the same settlement as trip completion and answers 200 with
 * the invoice as it stands: PAID, or still PAYMENT_PENDING (with {@code pendingReason}) when the gateway
 * is unavailable, in which case it is retried on its own. 404 unknown invoice, 409 already paid.
 */
@Component
public class InvoicePaymentApi extends ApiRouteBuilder {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final InvoiceRepository invoices;

    public InvoicePaymentApi(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @Override
    protected void configureApi() {
        rest("/billing/invoices")
                .post("/{id}/payments").produces("application/json").to("direct:pay-invoice");

        from("direct:pay-invoice").routeId("pay-invoice")
                .process(this::openInvoice)
                .to("direct:settle-invoice")
                .process(this::answerInvoice);
    }

    private void openInvoice(Exchange exchange) {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw ProblemException.notFound("Invoice", String.valueOf(id));
        }
        Invoice invoice = invoices.findById(UUID.fromString(id)).orElseThrow(() -> ProblemException.notFound("Invoice", id));
        if (invoice.getStatus() == InvoiceStatus.PAID) {
            throw ProblemException.conflict("Invoice already paid", "Invoice " + id + " was paid at " + invoice.getPaidAt());
        }
        exchange.setProperty("invoiceId", invoice.getId());
        exchange.getMessage().setBody(invoice.getId());
    }

    private void answerInvoice(Exchange exchange) throws Exception {
        UUID id = exchange.getProperty("invoiceId", UUID.class);
        respond(exchange, 200, invoices.findById(id).orElseThrow().toView());
    }
}
