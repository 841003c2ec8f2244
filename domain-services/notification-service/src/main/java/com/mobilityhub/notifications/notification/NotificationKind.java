package com.mobilityhub.notifications.notification;

/** Why a user is told something. TRIP_RECEIPT is not produced yet. */
public enum NotificationKind {
    WELCOME, BOOKING_CONFIRMATION, BOOKING_CANCELLATION, TRIP_RECEIPT
}
