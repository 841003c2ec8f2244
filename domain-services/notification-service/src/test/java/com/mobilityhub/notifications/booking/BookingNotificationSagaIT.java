package com.mobilityhub.notifications.booking;

import com.mobilityhub.infra.SagaEventPublisher;
import com.mobilityhub.infra.TopicRecords;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingSagaEvents.TripCreated;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.notifications.HttpJson;
import com.mobilityhub.notifications.LraClient;
import com.mobilityhub.notifications.SagaInfrastructure;
import com.mobilityhub.notifications.WholeNotificationService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Step send-confirmation of the booking saga, through the real coordinator, Kafka and PostgreSQL: the
 * test plays the hub (starts, closes and cancels LRAs) and trip-service (publishes TripCreated with the
 * LRA header), and reads what notification-service emits on the notifications topic.
 */
@WholeNotificationService
class BookingNotificationSagaIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    /** Records on one partition are consumed in order: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @Autowired
    JdbcTemplate jdbc;

    final int port = SagaInfrastructure.appPort();
    final LraClient coordinator = new LraClient(SagaInfrastructure.coordinator().baseUrl());
    final HttpJson api = new HttpJson(port);
    SagaEventPublisher events;

    @BeforeEach
    void producer() {
        events = new SagaEventPublisher(Topics.TRIPS);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    @Test
    void confirmsTheBookingToTheRiderInTheBookingsLraAndKeepsItWhenTheLraCloses() {
        BookingSnapshot booking = booking(UUID.randomUUID());
        UUID tripId = UUID.randomUUID();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(tripCreated(booking, tripId), lra);

            ConsumerRecord<String, String> sent = awaitEvent(notifications, booking.bookingId(), EventTypes.CONFIRMATION_SENT);
            assertThat(sent.key()).isEqualTo(booking.bookingId().toString());
            assertThat(TopicRecords.header(sent, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            JsonNode data = json(sent).path("data");
            assertThat(data.path("tripId").asText()).isEqualTo(tripId.toString());
            assertThat(data.at("/booking/userId").asText()).isEqualTo(booking.userId().toString());

            JsonNode listed = api.get("/notifications?userId=" + booking.userId()).json();
            assertThat(listed.get("items")).hasSize(1);
            assertThat(listed.at("/items/0/kind").asText()).isEqualTo("BOOKING_CONFIRMATION");
            assertThat(listed.at("/items/0/id").asText()).isEqualTo(data.path("notificationId").asText());
            assertThat(listed.at("/items/0/body").asText()).contains(booking.bookingId().toString(), "18.40");
            assertThat(participation(booking.bookingId())).isEqualTo("ACTIVE");

            // Only a joined participant is called back: the completion proves notification-service joined.
            coordinator.close(lra);
            await().atMost(WAIT).until(() -> participation(booking.bookingId()).equals("COMPLETED"));
            assertThat(kindsOf(booking.userId())).containsExactly("BOOKING_CONFIRMATION");
        }
    }

    @Test
    void tellsTheRiderTheBookingIsOffWhenTheLraIsCancelled() {
        BookingSnapshot booking = booking(UUID.randomUUID());
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(tripCreated(booking, UUID.randomUUID()), lra);
            awaitEvent(notifications, booking.bookingId(), EventTypes.CONFIRMATION_SENT);

            coordinator.cancel(lra);

            ConsumerRecord<String, String> undo = awaitEvent(notifications, booking.bookingId(), EventTypes.CANCELLATION_SENT);
            assertThat(undo.key()).isEqualTo(booking.bookingId().toString());
            assertThat(TopicRecords.header(undo, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(kindsOf(booking.userId())).containsExactlyInAnyOrder("BOOKING_CONFIRMATION", "BOOKING_CANCELLATION");
            assertThat(json(undo).at("/data/notificationId").asText()).isEqualTo(jdbc.queryForObject(
                    "select id::text from notification where user_id = ? and kind = 'BOOKING_CANCELLATION'",
                    String.class, booking.userId()));
            assertThat(participation(booking.bookingId())).isEqualTo("COMPENSATED");
        }
    }

    @Test
    void failsTheConfirmationOnPurposeForAFaultInjectedRiderAndCompensatesWithoutACancellation() {
        BookingSnapshot booking = booking(UUID.fromString(WholeNotificationService.FAILING_RIDER));
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(tripCreated(booking, UUID.randomUUID()), lra);

            ConsumerRecord<String, String> failed = awaitEvent(notifications, booking.bookingId(), EventTypes.NOTIFICATION_FAILED);
            assertThat(failed.key()).isEqualTo(booking.bookingId().toString());
            assertThat(TopicRecords.header(failed, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(failed).at("/data/reason").asText()).isEqualTo("NOTIFICATION_FAILED");
            assertThat(json(failed).at("/data/detail").asText()).contains("fault injected");
            assertThat(participation(booking.bookingId())).isEqualTo("FAILED");

            // The hub compensates on NotificationFailed; the failing step's own compensation is called too.
            coordinator.cancel(lra);
            ConsumerRecord<String, String> undo = awaitEvent(notifications, booking.bookingId(), EventTypes.CANCELLATION_SENT);
            assertThat(json(undo).at("/data/notificationId").isNull()).isTrue();
        }
        assertThat(bookingNotificationsFor(booking.bookingId())).isZero();
        assertThat(participation(booking.bookingId())).isEqualTo("FAILED");
    }

    @Test
    void compensationBeforeTheStepRefusesTheLateStep() {
        BookingSnapshot booking = booking(UUID.randomUUID());
        String bookingId = booking.bookingId().toString();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS);
             TopicRecords deadLetters = TopicRecords.fromNow(Topics.deadLetterOf(Topics.TRIPS))) {
            // Enlisted exactly as camel-lra enlists it, but TripCreated is still on its way when the LRA is cancelled.
            coordinator.join(lra, LraClient.participantUrl(port, "compensate", "send-cancellation", bookingId),
                    LraClient.participantUrl(port, "complete", "record-confirmation-completed", bookingId));
            coordinator.cancel(lra);

            ConsumerRecord<String, String> undo = awaitEvent(notifications, booking.bookingId(), EventTypes.CANCELLATION_SENT);
            assertThat(TopicRecords.header(undo, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(undo).at("/data/notificationId").isNull()).isTrue();
            assertThat(participation(booking.bookingId())).isEqualTo("COMPENSATED");

            // The late step under the ended LRA cannot join it: refused, and kept on the dead-letter topic.
            publish(tripCreated(booking, UUID.randomUUID()), lra);
            deadLetters.awaitUntil(records -> records.stream().anyMatch(r -> bookingId.equals(r.key())), WAIT);

            // The late step that did join (its LRA still open, the compensation committed first) meets the
            // tombstone: nothing is sent. A later booking on the same partition proves it was handled.
            String stillOpen = coordinator.start(TIME_LIMIT);
            publish(tripCreated(booking, UUID.randomUUID()), stillOpen);
            BookingSnapshot later = booking(UUID.randomUUID());
            String laterLra = coordinator.start(TIME_LIMIT);
            publish(tripCreated(later, UUID.randomUUID()), laterLra);
            List<ConsumerRecord<String, String>> seen = notifications.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(later.bookingId().toString())), WAIT);

            assertThat(seen).filteredOn(r -> bookingId.equals(r.key()))
                    .extracting(r -> json(r).path("eventType").asText())
                    .containsExactly(EventTypes.CANCELLATION_SENT);
            coordinator.cancel(stillOpen);
            coordinator.close(laterLra);
        }
        assertThat(bookingNotificationsFor(booking.bookingId())).isZero();
        assertThat(kindsOf(booking.userId())).isEmpty();
        assertThat(participation(booking.bookingId())).isEqualTo("COMPENSATED");
    }

    @Test
    void duplicateEventChangesNothing() {
        BookingSnapshot booking = booking(UUID.randomUUID());
        BookingSnapshot later = booking(UUID.randomUUID());
        String lra = coordinator.start(TIME_LIMIT);
        String laterLra = coordinator.start(TIME_LIMIT);
        EventEnvelope created = tripCreated(booking, UUID.randomUUID());
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(created, lra);
            publish(created, lra);
            publish(tripCreated(later, UUID.randomUUID()), laterLra);

            List<ConsumerRecord<String, String>> seen = notifications.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(later.bookingId().toString())), WAIT);

            assertThat(seen).filteredOn(r -> r.key().equals(booking.bookingId().toString()))
                    .extracting(r -> json(r).path("eventType").asText())
                    .containsExactly(EventTypes.CONFIRMATION_SENT);
        }
        assertThat(kindsOf(booking.userId())).containsExactly("BOOKING_CONFIRMATION");
        assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                created.eventId())).isEqualTo(1);
        coordinator.close(lra);
        coordinator.close(laterLra);
        await().atMost(WAIT).until(() -> participation(booking.bookingId()).equals("COMPLETED"));
    }

    @Test
    void compensationArrivingTwiceUndoesOnce() {
        BookingSnapshot booking = booking(UUID.randomUUID());
        String bookingId = booking.bookingId().toString();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(tripCreated(booking, UUID.randomUUID()), lra);
            awaitEvent(notifications, booking.bookingId(), EventTypes.CONFIRMATION_SENT);
            coordinator.cancel(lra);
            awaitEvent(notifications, booking.bookingId(), EventTypes.CANCELLATION_SENT);

            // The coordinator repeats a callback whose answer it missed: the same PUT again.
            assertThat(coordinator.callParticipant(
                    LraClient.participantUrl(port, "compensate", "send-cancellation", bookingId), lra)).as("a 2xx answer").isBetween(200, 299);
            // Events leave the outbox in commit order: once this marker is out, a second undo would be too.
            UUID marker = UUID.randomUUID();
            assertThat(coordinator.callParticipant(
                    LraClient.participantUrl(port, "compensate", "send-cancellation", marker.toString()), lra)).as("a 2xx answer").isBetween(200, 299);
            List<ConsumerRecord<String, String>> seen = notifications.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(marker.toString())), WAIT);

            assertThat(seen).filteredOn(r -> r.key().equals(bookingId))
                    .extracting(r -> json(r).path("eventType").asText())
                    .containsExactly(EventTypes.CONFIRMATION_SENT, EventTypes.CANCELLATION_SENT);
        }
        assertThat(kindsOf(booking.userId())).containsExactlyInAnyOrder("BOOKING_CONFIRMATION", "BOOKING_CANCELLATION");
    }

    @Test
    void answersNoneForABookingItNeverHeardOfAndRefusesBadIds() {
        UUID unknown = UUID.randomUUID();
        JsonNode listing = api.get("/saga/participations?bookingIds=" + unknown).json();
        assertThat(listing.at("/items/0/bookingId").asText()).isEqualTo(unknown.toString());
        assertThat(listing.at("/items/0/service").asText()).isEqualTo("notification-service");
        assertThat(listing.at("/items/0/state").asText()).isEqualTo("NONE");

        HttpJson.Response bad = api.get("/saga/participations?bookingIds=nope");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.json().at("/errors/0/field").asText()).isEqualTo("bookingIds");
    }

    private static BookingSnapshot booking(UUID userId) {
        return new BookingSnapshot(UUID.randomUUID(), userId, UUID.randomUUID(), new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.37), new BigDecimal("18.40"));
    }

    private static EventEnvelope tripCreated(BookingSnapshot booking, UUID tripId) {
        return EventEnvelope.of(EventTypes.TRIP_CREATED, booking.bookingId().toString(), 1,
                EventJson.mapper().valueToTree(new TripCreated(booking, tripId)));
    }

    private void publish(EventEnvelope event, String lra) {
        events.publish(Topics.TRIPS, PARTITION, event, lra);
    }

    private static ConsumerRecord<String, String> awaitEvent(TopicRecords topic, UUID bookingId, String eventType) {
        return topic.awaitUntil(records -> records.stream().anyMatch(r -> isEvent(r, bookingId, eventType)), WAIT)
                .stream().filter(r -> isEvent(r, bookingId, eventType)).findFirst().orElseThrow();
    }

    private static boolean isEvent(ConsumerRecord<String, String> record, UUID bookingId, String eventType) {
        return bookingId.toString().equals(record.key()) && eventType.equals(json(record).path("eventType").asText());
    }

    private static JsonNode json(ConsumerRecord<String, String> record) {
        try {
            return EventJson.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String participation(UUID bookingId) {
        HttpJson.Response response = api.get("/saga/participations?bookingIds=" + bookingId);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().at("/items/0/state").asText();
    }

    private List<String> kindsOf(UUID userId) {
        return jdbc.queryForList("select kind from notification where user_id = ?", String.class, userId);
    }

    /** Booking notifications whose body names this booking (the fault-injected rider is shared by runs). */
    private long bookingNotificationsFor(UUID bookingId) {
        return jdbc.queryForObject("select count(*) from notification where body like ?", Long.class,
                "%" + bookingId + "%");
    }
}
