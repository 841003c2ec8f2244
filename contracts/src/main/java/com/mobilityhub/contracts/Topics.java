package com.mobilityhub.contracts;

import java.util.List;

/**
 * Kafka topic names. One topic per owning domain, versioned; keyed by aggregate id.
 * A topic's dead letters go to the same name with {@link #DEAD_LETTER_SUFFIX}.
 */
public final class Topics {

    public static final String USERS = "mobility.users.events.v1";
    public static final String VEHICLES = "mobility.vehicles.events.v1";
    public static final String TRIPS = "mobility.trips.events.v1";
    public static final String BILLING = "mobility.billing.events.v1";
    public static final String NOTIFICATIONS = "mobility.notifications.events.v1";
    public static final String BOOKINGS = "mobility.bookings.events.v1";

    public static final String PARTNER_BOOKING_REQUESTS = "partner.bookings.requests.v1";
    public static final String PARTNER_TRIP_EVENTS = "partner.trips.events.v1";
    public static final String PARTNER_VEHICLE_TELEMETRY = "partner.vehicles.telemetry.v1";

    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    /** Every domain topic, for provisioning (local stack, Kubernetes KafkaTopics). */
    public static final List<String> DOMAIN_TOPICS = List.of(USERS, VEHICLES, TRIPS, BILLING, NOTIFICATIONS, BOOKINGS);

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }

    private Topics() {
    }
}
