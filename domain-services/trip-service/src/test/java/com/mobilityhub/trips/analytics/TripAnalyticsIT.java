package com.mobilityhub.trips.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.billing.InvoiceIssued;
import com.mobilityhub.contracts.trips.TripEvents.TripCompleted;
import com.mobilityhub.infra.SharedInfrastructure;
import com.mobilityhub.trips.ApiClient;
import com.mobilityhub.trips.ConfirmedTrips;
import com.mobilityhub.trips.SagaInfrastructure;
import com.mobilityhub.trips.WholeTripService;
import com.mobilityhub.trips.trip.Trip;
import com.mobilityhub.trips.trip.TripRepository;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * trip-service's analytics step of the completion choreography: it consumes TripCompleted from its own
 * topic and InvoiceIssued from billing's, through the real broker, once per trip and per invoice.
 */
@WholeTripService
class TripAnalyticsIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** One partition is consumed in order: a later record's effect proves the earlier ones were handled. */
    private static final int PARTITION = 0;

    @Autowired
    TripRepository trips;
    @Autowired
    JdbcTemplate jdbc;

    final ApiClient api = new ApiClient(SagaInfrastructure.appPort());
    KafkaProducer<String, String> producer;

    @BeforeEach
    void producer() {
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class));
    }

    @AfterEach
    void closeProducer() {
        producer.close();
    }

    @Test
    void aCompletedTripShowsUpInTheVehiclesAndTheRidersFigures() {
        UUID vehicleId = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        Trip trip = new ConfirmedTrips(trips, jdbc).confirmed(userId, vehicleId);
        assertThat(api.post("/trips/" + trip.getId() + "/start", null).status()).isEqualTo(200);
        assertThat(api.post("/trips/" + trip.getId() + "/complete", """
                {"distanceKm": 7.25, "durationMinutes": 12.5, "energyKwh": 1.4}""").status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> vehicle(vehicleId).path("trips").asLong() == 1);
        JsonNode vehicle = vehicle(vehicleId);
        assertThat(vehicle.path("distanceKm").decimalValue()).isEqualByComparingTo(new BigDecimal("7.250"));
        assertThat(vehicle.path("durationMinutes").decimalValue()).isEqualByComparingTo(new BigDecimal("12.50"));
        assertThat(vehicle.path("energyKwh").decimalValue()).isEqualByComparingTo(new BigDecimal("1.400"));
        assertThat(vehicle.path("revenue").decimalValue()).isEqualByComparingTo(new BigDecimal("0.00"));
        JsonNode user = api.get("/analytics/users/" + userId).json();
        assertThat(user.path("subject").asText()).isEqualTo("user");
        assertThat(user.path("trips").asLong()).isEqualTo(1);
        assertThat(user.path("distanceKm").decimalValue()).isEqualByComparingTo(new BigDecimal("7.250"));
    }

    @Test
    void countsATripCompletedDeliveredTwiceOnce() throws Exception {
        UUID vehicleId = UUID.randomUUID();
        EventEnvelope completed = tripCompleted(UUID.randomUUID(), UUID.randomUUID(), vehicleId, "10.000");
        publish(Topics.TRIPS, completed);
        publish(Topics.TRIPS, completed);
        // The same trip again under a new event id (a replay by a confused producer): still one trip.
        publish(Topics.TRIPS, new EventEnvelope(UUID.randomUUID(), completed.aggregateId(), completed.eventType(),
                completed.occurredAt(), completed.version(), completed.data()));
        publish(Topics.TRIPS, tripCompleted(UUID.randomUUID(), UUID.randomUUID(), vehicleId, "2.500"));

        await().atMost(WAIT).until(() -> vehicle(vehicleId).path("trips").asLong() >= 2);
        JsonNode figures = vehicle(vehicleId);
        assertThat(figures.path("trips").asLong()).isEqualTo(2);
        assertThat(figures.path("distanceKm").decimalValue()).isEqualByComparingTo(new BigDecimal("12.500"));
    }

    @Test
    void addsEachIssuedInvoiceToTheRevenueOnce() throws Exception {
        UUID vehicleId = UUID.randomUUID();
        UUID userId = UUID.randomUUID();
        Trip trip = trips.saveAndFlush(Trip.create(UUID.randomUUID().toString(), userId, vehicleId,
                new GeoPoint(52.52, 13.405), new GeoPoint(52.50, 13.37), new BigDecimal("18.40"),
                Instant.now().truncatedTo(ChronoUnit.MICROS)));
        EventEnvelope issued = invoiceIssued(trip, userId, "21.35");
        publish(Topics.BILLING, issued);
        publish(Topics.BILLING, issued);
        publish(Topics.BILLING, invoiceIssued(trip, userId, "3.65"));

        await().atMost(WAIT).until(() -> vehicle(vehicleId).path("revenue").decimalValue()
                .compareTo(new BigDecimal("25.00")) >= 0);
        assertThat(vehicle(vehicleId).path("revenue").decimalValue()).isEqualByComparingTo(new BigDecimal("25.00"));
        assertThat(api.get("/analytics/users/" + userId).json().path("revenue").decimalValue())
                .isEqualByComparingTo(new BigDecimal("25.00"));
    }

    @Test
    void refusesAnAnalyticsIdThatIsNotAUuid() {
        ApiClient.Response response = api.get("/analytics/vehicles/nope");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemFields()).containsExactly("id");
    }

    private JsonNode vehicle(UUID vehicleId) {
        ApiClient.Response response = api.get("/analytics/vehicles/" + vehicleId);
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        return response.json();
    }

    private static EventEnvelope invoiceIssued(Trip trip, UUID userId, String amount) {
        UUID invoiceId = UUID.randomUUID();
        InvoiceIssued data = new InvoiceIssued(invoiceId, trip.getId(), trip.getBookingId(), userId,
                new BigDecimal(amount), "EUR", new BigDecimal(amount), BigDecimal.ZERO, BigDecimal.ZERO,
                BigDecimal.ONE, BigDecimal.ONE, Instant.now());
        return EventEnvelope.of(EventTypes.INVOICE_ISSUED, invoiceId.toString(), 1, EventJson.mapper().valueToTree(data));
    }

    private static EventEnvelope tripCompleted(UUID tripId, UUID userId, UUID vehicleId, String distanceKm) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        TripCompleted data = new TripCompleted(tripId, UUID.randomUUID().toString(), userId, vehicleId,
                new BigDecimal(distanceKm), new BigDecimal("5.00"), new BigDecimal("1.000"), now.minusSeconds(300), now);
        return EventEnvelope.of(EventTypes.TRIP_COMPLETED, tripId.toString(), 3, EventJson.mapper().valueToTree(data));
    }

    private void publish(String topic, EventEnvelope event) throws Exception {
        ProducerRecord<String, String> record = new ProducerRecord<>(topic, PARTITION, event.aggregateId(),
                EventJson.mapper().writeValueAsString(event));
        record.headers().add(EventHeaders.EVENT_ID, event.eventId().toString().getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.EVENT_TYPE, event.eventType().getBytes(StandardCharsets.UTF_8));
        try {
            producer.send(record).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
