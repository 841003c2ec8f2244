package com.mobilityhub.hub.billing;

import com.mobilityhub.hub.services.ServiceRequest;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import static com.mobilityhub.hub.api.ApiDocs.JSON;
import static com.mobilityhub.hub.api.ApiDocs.problems;
import static com.mobilityhub.hub.services.DomainService.BILLING;

/**
 * {@code /billing}: riders' invoices and billing accounts, owned by billing-service (which reads the
 * credit balance from user-service for the account view). Amounts are exact decimals with a currency.
 */
@Component
public class BillingApiRoutes extends ApiRouteBuilder {

    @Override
    protected void configureApi() {
        RestDefinition billing = rest("/billing").tag("billing");
        problems(billing.get("/accounts/{userId}")
                .id("get-billing-account")
                .description("A rider's billing account: credit balance and held credits (from user-service), what open "
                        + "invoices still owe (amountDue) and the history (entries: HOLD, INVOICE, PAYMENT_CREDITS, "
                        + "PAYMENT_GATEWAY), newest first")
                .produces(JSON)
                .responseMessage().code(200).message("{userId, balance, held, amountDue, entries:[{at, type, amount, "
                        + "currency, status, reference, invoiceId}]}").endResponseMessage(), 404, 503)
                .to("direct:get-billing-account");
        problems(billing.get("/invoices")
                .id("list-invoices")
                .description("Invoices, newest first; userId filters to one rider's")
                .param().name("userId").type(RestParamType.query).required(false)
                    .description("a rider's id (UUID)").endParam()
                .param().name("page").type(RestParamType.query).required(false).endParam()
                .param().name("size").type(RestParamType.query).required(false).endParam()
                .produces(JSON)
                .responseMessage().code(200).message("{items:[invoice], page}").endResponseMessage(), 400, 503)
                .to("direct:list-invoices");
        problems(billing.get("/invoices/{id}")
                .id("get-invoice")
                .description("One invoice: {id, tripId, userId, bookingId, amount, currency, status (ISSUED, "
                        + "PAYMENT_PENDING, PAID), creditsCaptured, pendingReason, issuedAt, paidAt}")
                .produces(JSON)
                .responseMessage().code(200).message("The invoice").endResponseMessage(), 404, 503)
                .to("direct:get-invoice");
        problems(billing.post("/invoices/{id}/payments")
                .id("pay-invoice")
                .description("Pays an open invoice now: the credits hold first, the rest through the payment gateway. "
                        + "Answers the invoice as it stands: PAID, or PAYMENT_PENDING when the gateway is unavailable "
                        + "(billing retries it on its own)")
                .produces(JSON)
                .responseMessage().code(200).message("The invoice").endResponseMessage(), 404, 409, 503)
                .to("direct:pay-invoice");

        from("direct:get-billing-account").routeId("get-billing-account")
                .process(ServiceRequest.get("/billing/accounts/{userId}").of("User"))
                .to(BILLING.callEndpoint());
        from("direct:list-invoices").routeId("list-invoices")
                .process(ServiceRequest.get("/billing/invoices").forwardingQuery("userId", "page", "size"))
                .to(BILLING.callEndpoint());
        from("direct:get-invoice").routeId("get-invoice")
                .process(ServiceRequest.get("/billing/invoices/{id}").of("Invoice"))
                .to(BILLING.callEndpoint());
        from("direct:pay-invoice").routeId("pay-invoice")
                .process(ServiceRequest.post("/billing/invoices/{id}/payments").of("Invoice"))
                .to(BILLING.callEndpoint());
    }
}
