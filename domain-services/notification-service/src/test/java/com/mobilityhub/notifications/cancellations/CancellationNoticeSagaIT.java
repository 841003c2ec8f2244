package com.mobilityhub.notifications.cancellations;

import com.mobilityhub.infra.SagaEventPublisher;
import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.Money;
import com.mobilityhub.contracts.booking.BookingCancellationEvents.VehicleReleaseScheduled;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.infra.TopicRecords;
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
 * schedule-cancellation-notice, send-cancellation-notice and drop-cancellation-notice (the booking
 * cancellation saga) through the real coordinator, Kafka and PostgreSQL: the test plays the hub and
 * vehicle-service (VehicleReleaseScheduled with the cancellation's LRA).
 */
@WholeNotificationService
class CancellationNoticeSagaIT {

    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final Duration TIME_LIMIT = Duration.ofMinutes(5);
    /** One partition: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @Autowired
    JdbcTemplate jdbc;

    final int port = SagaInfrastructure.appPort();
    final LraClient coordinator = new LraClient(SagaInfrastructure.coordinator().baseUrl());
    final HttpJson api = new HttpJson(port);
    SagaEventPublisher events;

    @BeforeEach
    void producer() {
        events = new SagaEventPublisher(Topics.VEHICLES);
    }

    @AfterEach
    void closeProducer() {
        events.close();
    }

    @Test
    void sendsTheNoticeWithTheFeeOnceWhenTheCancellationCloses() {
        BookingSnapshot booking = booking();
        String lra = coordinator.start(TIME_LIMIT);
        EventEnvelope release = releaseScheduled(booking);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(release, lra);
            publish(release, lra); // redelivered

            ConsumerRecord<String, String> scheduled = awaitEvent(notifications, booking.bookingId(),
                    EventTypes.CANCELLATION_NOTICE_SCHEDULED);
            assertThat(TopicRecords.header(scheduled, EventHeaders.LONG_RUNNING_ACTION)).isEqualTo(lra);
            assertThat(json(scheduled).at("/data/fee/amount").decimalValue()).isEqualByComparingTo("1.25");
            // Nothing is sent before the LRA closes.
            assertThat(notices(booking.userId())).isEmpty();

            coordinator.close(lra);

            await().atMost(WAIT).until(() -> notices(booking.userId()).size() == 1);
            assertThat(notices(booking.userId()).getFirst()).contains(booking.bookingId().toString(), "1.25 EUR");
            assertThat(participationDetail(booking.bookingId())).isEqualTo("cancellation SENT");
            // The coordinator repeats a completion whose answer it missed: one notice all the same.
            assertThat(coordinator.callParticipant(url("complete", booking.bookingId()), lra)).isBetween(200, 299);
            assertThat(notices(booking.userId())).hasSize(1);
            assertThat(jdbc.queryForObject("select count(*) from processed_event where event_id = ?", Long.class,
                    release.eventId())).isEqualTo(1);
        }
    }

    @Test
    void aCancelledCancellationSendsNothing() {
        BookingSnapshot booking = booking();
        String lra = coordinator.start(TIME_LIMIT);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(releaseScheduled(booking), lra);
            awaitEvent(notifications, booking.bookingId(), EventTypes.CANCELLATION_NOTICE_SCHEDULED);

            coordinator.cancel(lra);

            await().atMost(WAIT).until(() -> participationDetail(booking.bookingId()).equals("cancellation DROPPED"));
            assertThat(coordinator.callParticipant(url("compensate", booking.bookingId()), lra)).isBetween(200, 299);
            assertThat(notices(booking.userId())).isEmpty();
        }
    }

    @Test
    void aCompensationBeforeTheStepRefusesTheLateStep() {
        BookingSnapshot booking = booking();
        String lra = coordinator.start(TIME_LIMIT);
        assertThat(coordinator.callParticipant(url("compensate", booking.bookingId()), lra)).isBetween(200, 299);
        try (TopicRecords notifications = TopicRecords.fromNow(Topics.NOTIFICATIONS)) {
            publish(releaseScheduled(booking), lra);
            BookingSnapshot marker = booking();
            publish(releaseScheduled(marker), lra);
            List<ConsumerRecord<String, String>> seen = notifications.awaitUntil(records -> records.stream()
                    .anyMatch(r -> r.key().equals(marker.bookingId().toString())), WAIT);

            assertThat(seen).noneMatch(r -> r.key().equals(booking.bookingId().toString()));
            assertThat(participationDetail(booking.bookingId())).isEqualTo("cancellation DROPPED_BEFORE_STEP");
        }
        coordinator.cancel(lra);
        assertThat(notices(booking.userId())).isEmpty();
    }

    private static BookingSnapshot booking() {
        return new BookingSnapshot(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), new GeoPoint(52.52, 13.405),
                new GeoPoint(52.50, 13.37), new BigDecimal("12.50"));
    }

    private static EventEnvelope releaseScheduled(BookingSnapshot booking) {
        return EventEnvelope.of(EventTypes.VEHICLE_RELEASE_SCHEDULED, booking.bookingId().toString(), 6,
                EventJson.mapper().valueToTree(new VehicleReleaseScheduled(booking, UUID.randomUUID(),
                        new Money(new BigDecimal("1.25"), "EUR"))));
    }

    private String url(String action, UUID bookingId) {
        return LraClient.participantUrl(port, action, action.equals("complete") ? "send-cancellation-notice"
                : "drop-cancellation-notice", bookingId.toString());
    }

    private void publish(EventEnvelope event, String lra) {
        events.publish(Topics.VEHICLES, PARTITION, event, lra);
    }

    /** The rider's BOOKING_CANCELLATION bodies. */
    private List<String> notices(UUID userId) {
        return jdbc.queryForList("select body from notification where user_id = ? and kind = 'BOOKING_CANCELLATION'",
                String.class, userId);
    }

    private String participationDetail(UUID bookingId) {
        HttpJson.Response response = api.get("/saga/participations?bookingIds=" + bookingId);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json().at("/items/0/detail").asText();
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
}
