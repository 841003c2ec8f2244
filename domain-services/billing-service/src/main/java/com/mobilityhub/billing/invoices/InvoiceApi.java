package com.mobilityhub.billing.invoices;

import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Component;

import java.util.UUID;
import java.util.regex.Pattern;

/** {@code GET /billing/invoices?userId=&page=&size=} (newest first) and {@code GET /billing/invoices/{id}}. */
@Component
public class InvoiceApi extends ApiRouteBuilder {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final InvoiceRepository invoices;

    public InvoiceApi(InvoiceRepository invoices) {
        this.invoices = invoices;
    }

    @Override
    protected void configureApi() {
        rest("/billing/invoices")
                .get().produces("application/json").to("direct:list-invoices")
                .get("/{id}").produces("application/json").to("direct:get-invoice");

        from("direct:list-invoices").routeId("list-invoices").process(this::list);
        from("direct:get-invoice").routeId("get-invoice").process(this::get);
    }

    private void list(Exchange exchange) throws Exception {
        String userId = exchange.getMessage().getHeader("userId", String.class);
        int number = intParameter(exchange, "page", 0, 0, Integer.MAX_VALUE);
        int size = intParameter(exchange, "size", Page.DEFAULT_SIZE, 1, Page.MAX_SIZE);
        PageRequest request = PageRequest.of(number, size, Sort.by(Sort.Order.desc("issuedAt"), Sort.Order.asc("id")));

        org.springframework.data.domain.Page<Invoice> found;
        if (userId == null || userId.isEmpty()) {
            found = invoices.findAll(request);
        } else if (UUID_TEXT.matcher(userId).matches()) {
            found = invoices.findByUserId(UUID.fromString(userId), request);
        } else {
            throw ProblemException.invalidField("userId", "must be a UUID");
        }
        respond(exchange, 200, new Page<>(found.getContent().stream().map(Invoice::toView).toList(),
                Page.PageInfo.of(number, size, found.getTotalElements())));
    }

    private void get(Exchange exchange) throws Exception {
        String id = exchange.getMessage().getHeader("id", String.class);
        if (id == null || !UUID_TEXT.matcher(id).matches()) {
            throw ProblemException.notFound("Invoice", String.valueOf(id));
        }
        Invoice invoice = invoices.findById(UUID.fromString(id)).orElseThrow(() -> ProblemException.notFound("Invoice", id));
        respond(exchange, 200, invoice.toView());
    }

    private static int intParameter(Exchange exchange, String name, int fallback, int min, int max) {
        String raw = exchange.getMessage().getHeader(name, String.class);
        if (raw == null || raw.isEmpty()) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be an integer from " + min + " to " + max);
    }
}
