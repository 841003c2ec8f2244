package com.mobilityhub.notifications.notification;

public enum NotificationChannel {
    EMAIL, PUSH
}
