package com.mobilityhub.notifications.welcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import com.mobilityhub.notifications.notification.Notification;
import com.mobilityhub.notifications.notification.NotificationChannel;
import com.mobilityhub.notifications.notification.NotificationKind;
import jakarta.persistence.EntityManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Greets every newly registered user, once per UserRegistered event however often it arrives. */
@Service
public class WelcomeNotifications {

    /** The name under which this handler claims events in {@code processed_event}. */
    static final String CONSUMER = WelcomeRoute.ROUTE_ID;

    private static final Logger LOG = LoggerFactory.getLogger(WelcomeNotifications.class);

    private final ProcessedEvents processedEvents;
    private final EntityManager entityManager;

    public WelcomeNotifications(ProcessedEvents processedEvents, EntityManager entityManager) {
        this.processedEvents = processedEvents;
        this.entityManager = entityManager;
    }

    @Transactional
    public void onUserRegistered(EventEnvelope event) {
        UUID userId = userIdOf(event);
        String name = requiredText(event.data(), "name");
        String email = requiredText(event.data(), "email");
        if (!processedEvents.claim(CONSUMER, event.eventId())) {
            LOG.debug("UserRegistered {} already applied; ignoring the copy", event.eventId());
            return;
        }
        entityManager.persist(new Notification(userId, NotificationKind.WELCOME, NotificationChannel.EMAIL, email,
                "Welcome to mobility-hub, " + name,
                "Hello " + name + ", your account is ready. Book your first ride whenever you like.",
                event.eventId(), Instant.now().truncatedTo(ChronoUnit.MICROS)));
    }

    private static UUID userIdOf(EventEnvelope event) {
        try {
            return UUID.fromString(event.aggregateId());
        } catch (IllegalArgumentException e) {
            throw new InvalidEventException("UserRegistered aggregateId is not a user id: " + event.aggregateId());
        }
    }

    private static String requiredText(JsonNode data, String field) {
        JsonNode value = data.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new InvalidEventException("UserRegistered data." + field + " is missing");
        }
        return value.asText();
    }
}
