package com.mobilityhub.notifications.notification;

/** RECORDED: stored, no delivery channel attached yet. SENT / FAILED: the channel's answer. */
public enum NotificationStatus {
    RECORDED, SENT, FAILED
}
