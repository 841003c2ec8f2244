package com.mobilityhub.billing.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.billing.invoices.Invoice;
import com.mobilityhub.billing.invoices.InvoiceRepository;
import com.mobilityhub.billing.invoices.InvoiceStatus;
import com.mobilityhub.billing.payments.Payment;
import com.mobilityhub.billing.payments.PaymentRepository;
import com.mobilityhub.billing.payments.UserServiceEndpoint;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.kit.security.ServiceCallSigner;
import com.mobilityhub.kit.security.ServiceCredentials;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code GET /billing/accounts/{userId}}: a rider's billing account, composed where each part lives.
 * The credit balance and holds are owned by user-service and read live from it
 * ({@code GET /users/{id}/credit-account}); invoices and payments are billing's own. {@code entries}
 * merges them, newest first: HOLD (credits reserved by a booking, with its status), INVOICE and PAYMENT.
 * 404 when user-service knows no such user; 503 when user-service cannot be reached.
 */
@Component
public class BillingAccountApi extends ApiRouteBuilder {

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private static final String REQUEST_URI = "mobilityBillingRequestUri";

    private final InvoiceRepository invoices;
    private final PaymentRepository payments;
    private final UserServiceEndpoint userService;
    private final ServiceCallSigner signed;

    public BillingAccountApi(InvoiceRepository invoices, PaymentRepository payments, UserServiceEndpoint userService,
                             ServiceCredentials credentials) {
        this.invoices = invoices;
        this.payments = payments;
        this.userService = userService;
        this.signed = new ServiceCallSigner(credentials, userService.url().toString());
    }

    @Override
    protected void configureApi() {
        rest("/billing/accounts")
                .get("/{userId}").produces("application/json").to("direct:get-billing-account");

        from("direct:get-billing-account").routeId("get-billing-account")
                .process(this::creditAccountRequest)
                .process(signed) // user-service refuses unsigned calls once a service secret is set
                .doTry()
                    .to(userService.endpoint())
                .doCatch(IOException.class)
                    .process(exchange -> {
                        restoreRequestUri(exchange);
                        throw new ProblemException(503, "urn:mobility-hub:problem:service-unavailable",
                                "Service unavailable", "user-service, which keeps the credit balance, could not be reached",
                                List.of());
                    })
                .end()
                .process(this::account);
    }

    private void creditAccountRequest(Exchange exchange) {
        String userId = exchange.getMessage().getHeader("userId", String.class);
        if (userId == null || !UUID_TEXT.matcher(userId).matches()) {
            throw ProblemException.notFound("User", String.valueOf(userId));
        }
        exchange.setProperty("userId", UUID.fromString(userId));
        Message message = exchange.getMessage();
        // CamelHttpUri would redirect the call: keep the client's request path aside for problems' "instance".
        exchange.setProperty(REQUEST_URI, message.getHeader(Exchange.HTTP_URI));
        message.removeHeaders("*");
        message.setHeader(Exchange.HTTP_METHOD, "GET");
        message.setHeader(Exchange.HTTP_PATH, "/users/" + userId + "/credit-account");
        message.setBody(null);
    }

    private void account(Exchange exchange) throws Exception {
        restoreRequestUri(exchange);
        UUID userId = exchange.getProperty("userId", UUID.class);
        int status = exchange.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, Integer.class);
        if (status == 404) {
            throw ProblemException.notFound("User", userId.toString());
        }
        if (status != 200) {
            throw new IllegalStateException("user-service answered " + status + " for the credit account of " + userId);
        }
        JsonNode credits = EventJson.mapper().readTree(exchange.getMessage().getBody(byte[].class));

        List<Entry> entries = new ArrayList<>();
        for (JsonNode hold : credits.path("holds")) {
            entries.add(new Entry(Instant.parse(hold.path("updatedAt").asText()), "HOLD", hold.path("amount").decimalValue(),
                    null, hold.path("status").asText(), hold.path("bookingId").asText(), null));
        }
        List<Invoice> userInvoices = invoices.findTop200ByUserIdOrderByIssuedAtDesc(userId);
        BigDecimal due = BigDecimal.ZERO;
        for (Invoice invoice : userInvoices) {
            entries.add(new Entry(invoice.getIssuedAt(), "INVOICE", invoice.getAmount(), invoice.getCurrency(),
                    invoice.getStatus().name(), invoice.getTripId().toString(), invoice.getId()));
            if (invoice.getStatus() != InvoiceStatus.PAID) {
                BigDecimal captured = invoice.getCreditsCaptured() == null ? BigDecimal.ZERO : invoice.getCreditsCaptured();
                due = due.add(invoice.getAmount().subtract(captured));
            }
        }
        for (Payment payment : payments.findByInvoiceIdIn(userInvoices.stream().map(Invoice::getId).toList())) {
            Payment.PaymentView view = payment.toView();
            entries.add(new Entry(view.at(), "PAYMENT_" + view.method(), view.amount(), view.currency(),
                    view.status().name(), view.gatewayReference(), view.invoiceId()));
        }
        entries.sort(Comparator.comparing(Entry::at).reversed());
        respond(exchange, 200, new BillingAccountView(userId, credits.path("balance").decimalValue(),
                credits.path("held").decimalValue(), due, entries));
    }

    private static void restoreRequestUri(Exchange exchange) {
        exchange.getMessage().setHeader(Exchange.HTTP_URI, exchange.getProperty(REQUEST_URI));
    }

    /** {@code {userId, balance, held, amountDue, entries}}: amountDue is what open invoices still owe. */
    public record BillingAccountView(UUID userId, BigDecimal balance, BigDecimal held, BigDecimal amountDue,
                                     List<Entry> entries) {
    }

    /** One line of the history: {@code reference} is the booking (HOLD), trip (INVOICE) or gateway payment id. */
    public record Entry(Instant at, String type, BigDecimal amount, String currency, String status, String reference,
                       UUID invoiceId) {
    }
}
