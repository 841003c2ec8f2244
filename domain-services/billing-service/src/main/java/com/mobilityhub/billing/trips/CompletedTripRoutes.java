package com.mobilityhub.billing.trips;

import com.mobilityhub.billing.invoices.InvoiceIssuing;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import org.springframework.stereotype.Component;

/**
 * billing-service's part of the trip-completion choreography: on TripCompleted, issue the invoice
 * (idempotently, with InvoiceIssued) and settle it. A record that keeps failing to be issued goes to
 * {@code mobility.trips.events.v1.dlt} after bounded retries (service-kit); a settlement that fails
 * does not fail the record: the invoice is left PAYMENT_PENDING and settled on schedule.
 */
@Component
public class CompletedTripRoutes extends EventConsumerRouteBuilder {

    private final InvoiceIssuing invoiceIssuing;

    public CompletedTripRoutes(InvoiceIssuing invoiceIssuing) {
        this.invoiceIssuing = invoiceIssuing;
    }

    @Override
    public void configure() {
        fromEvents(Topics.TRIPS, "bill-completed-trip")
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.TRIP_COMPLETED))
                .bean(invoiceIssuing, "issue")
                .filter(body().isNotNull())   // null: this trip was billed already
                .to("direct:settle-invoice");
    }
}
