package com.mobilityhub.notifications.receipts;

import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.kit.events.EventConsumerRouteBuilder;
import org.springframework.stereotype.Component;

/** mobility.billing.events.v1 → a TRIP_RECEIPT per InvoiceIssued; billing's other events are not ours. */
@Component
public class ReceiptRoute extends EventConsumerRouteBuilder {

    private final TripReceipts receipts;

    public ReceiptRoute(TripReceipts receipts) {
        this.receipts = receipts;
    }

    @Override
    public void configure() {
        fromEvents(Topics.BILLING, "send-receipt")
                .filter(header(EventHeaders.EVENT_TYPE).isEqualTo(EventTypes.INVOICE_ISSUED))
                .process(exchange -> receipts.onInvoiceIssued(exchange.getMessage().getBody(EventEnvelope.class)));
    }
}
