package com.mobilityhub.notifications.notification;

/** Why a user is told something. TRIP_RECEIPT: on InvoiceIssued (receipts.TripReceipts). */
public enum NotificationKind {
    WELCOME, BOOKING_CONFIRMATION, BOOKING_CANCELLATION, TRIP_RECEIPT
}
