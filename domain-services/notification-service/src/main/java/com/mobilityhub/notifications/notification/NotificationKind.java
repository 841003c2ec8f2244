package com.mobilityhub.notifications.notification;

/** Why a user is told something. Only WELCOME is produced so far. */
public enum NotificationKind {
    WELCOME, BOOKING_CONFIRMATION, BOOKING_CANCELLATION, TRIP_RECEIPT
}
