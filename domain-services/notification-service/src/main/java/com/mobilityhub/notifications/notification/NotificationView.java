package com.mobilityhub.notifications.notification;

import java.time.Instant;
import java.util.UUID;

/** A notification as {@code GET /notifications} shows it. */
public record NotificationView(UUID id, UUID userId, NotificationKind kind, NotificationChannel channel,
                               String recipient, String subject, String body, NotificationStatus status,
                               UUID sourceEventId, Instant createdAt) {
}
