package com.mobilityhub.notifications.notification;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One message for one user, caused by one event ({@code sourceEventId}). */
@Entity
@Table(name = "notification")
public class Notification {

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationKind kind;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationChannel channel;

    @Column(nullable = false)
    private String recipient;

    @Column(nullable = false)
    private String subject;

    @Column(nullable = false)
    private String body;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private NotificationStatus status;

    @Column(name = "source_event_id", nullable = false)
    private UUID sourceEventId;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    protected Notification() {
    }

    public Notification(UUID userId, NotificationKind kind, NotificationChannel channel, String recipient,
                        String subject, String body, UUID sourceEventId, Instant createdAt) {
        this.id = UUID.randomUUID();
        this.userId = userId;
        this.kind = kind;
        this.channel = channel;
        this.recipient = recipient;
        this.subject = subject;
        this.body = body;
        this.status = NotificationStatus.RECORDED;
        this.sourceEventId = sourceEventId;
        this.createdAt = createdAt;
    }

    public NotificationView toView() {
        return new NotificationView(id, userId, kind, channel, recipient, subject, body, status, sourceEventId, createdAt);
    }

    public UUID getId() {
        return id;
    }

    public UUID getUserId() {
        return userId;
    }

    public NotificationKind getKind() {
        return kind;
    }

    public UUID getSourceEventId() {
        return sourceEventId;
    }
}
