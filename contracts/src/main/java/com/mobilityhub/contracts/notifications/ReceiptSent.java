package com.mobilityhub.contracts.notifications;

import java.math.BigDecimal;
import java.util.UUID;

/**
 * notification-service sent the rider the receipt of an invoice ({@code ReceiptSent} on
 * {@code mobility.notifications.events.v1}, key = invoice id): the last step of the trip completion
 * choreography.
 */
public record ReceiptSent(UUID invoiceId, UUID tripId, UUID userId, UUID notificationId, BigDecimal amount,
                          String currency) {
}
