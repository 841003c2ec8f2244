package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.hub.DomainServices;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.TestCoordinator;
import com.mobilityhub.hub.ThroughTheHub;
import com.mobilityhub.infra.SharedInfrastructure;
import org.apache.camel.CamelContext;
import org.apache.camel.ServiceStatus;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.server.WebServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * A participant that is down when the time limit strikes (issue #3): vehicle-service reserved the
 * vehicle, then the saga stalls (trip-service does not consume VehicleReserved) and vehicle-service
 * stops answering HTTP. The coordinator cancels at the time limit: the booking ends REJECTED
 * (TIMEOUT) and user-service releases its hold at once, but vehicle-service's compensation cannot
 * reach it, so the coordinator keeps the LRA. Once vehicle-service listens again, the coordinator's
 * recovery delivers the compensation: the reservation is released and the LRA forgotten. The late
 * VehicleReserved then finds no saga to join, and trip-service refuses it to the dead-letter topic.
 *
 * <p>Uses the shared domain services and hands them back as found: trip-service's vehicle-events
 * route running, vehicle-service's web server listening on its port.
 */
class ParticipantDownIT extends ThroughTheHub {

    /** trip-service's consumer of the vehicles topic (CreateTripRoute.CONSUMER_ROUTE_ID). */
    private static final String TRIP_SERVICE_VEHICLE_EVENTS_ROUTE = "vehicle-events";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Test
    void compensationReachesAParticipantThatWasDownWhenTheSagaTimedOut() {
        BookingFixtures fixtures = new BookingFixtures(hub);
        String user = fixtures.registerUser("100.00");
        String vehicle = fixtures.registerVehicle();
        CamelContext tripService = services().trips().context().getBean(CamelContext.class);
        WebServer vehicleService = ((WebServerApplicationContext) services().vehicles().context()).getWebServer();
        int vehicleServicePort = vehicleService.getPort();

        String bookingId;
        long resumedAt;
        // The saga stalls after vehicle-service's step: nobody creates the trip, only the time limit ends it.
        stopRoute(tripService);
        try {
            HubClient.Response accepted = fixtures.book(user, vehicle);
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            bookingId = accepted.json().path("bookingId").asText();
            String booking = bookingId;
            await().atMost(Duration.ofSeconds(SAGA_TIMEOUT_SECONDS)).pollInterval(Duration.ofMillis(200))
                    .untilAsserted(() -> {
                        assertThat(state(services().users(), booking)).isEqualTo("ACTIVE");
                        assertThat(state(services().vehicles(), booking)).isEqualTo("ACTIVE");
                    });
            String lraId = fixtures.booking(bookingId).path("lraId").asText();
            assertThat(fixtures.booking(bookingId).path("status").asText())
                    .as("the saga must still run when vehicle-service goes down").isEqualTo("PENDING");

            vehicleService.stop();
            try {
                assertThatThrownBy(() -> connect(vehicleServicePort)).as("vehicle-service refuses connections")
                        .isInstanceOf(ConnectException.class);

                JsonNode rejected = fixtures.awaitTerminal(bookingId, Duration.ofSeconds(SAGA_TIMEOUT_SECONDS * 3L));
                assertThat(rejected.path("status").asText()).as(rejected.toString()).isEqualTo("REJECTED");
                assertThat(rejected.path("reason").asText()).as(rejected.toString()).isEqualTo("TIMEOUT");
                await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                        .untilAsserted(() -> assertThat(state(services().users(), booking))
                                .as("user-service's hold, released while vehicle-service is down").isEqualTo("COMPENSATED"));
                assertThat(fixtures.creditAccount(user).path("held").decimalValue()).isZero();
                // Several recovery scans (every 2 s) fail to reach vehicle-service: the LRA is kept Cancelling, not given up.
                await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(12)).pollInterval(Duration.ofSeconds(1))
                        .alias("the coordinator keeps " + lraId + " Cancelling while vehicle-service is down")
                        .until(() -> TestCoordinator.lraIds().contains(lraId) && lraStatus(lraId).contains("Cancelling"));
            } finally {
                vehicleService.start();
            }
            assertThat(vehicleService.getPort()).isEqualTo(vehicleServicePort);

            // Back on its port: the coordinator's recovery delivers the compensation it owes.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .ignoreException(UncheckedIOException.class) // a pooled connection from before the outage
                    .untilAsserted(() -> assertThat(state(services().vehicles(), booking))
                            .as(() -> "vehicle-service's reservation; coordinator: " + TestCoordinator.describe(lraId))
                            .isEqualTo("COMPENSATED"));
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(TestCoordinator.lraIds()).doesNotContain(lraId));
            HubClient.Response released = hub.get("/api/v1/vehicles/" + vehicle);
            assertThat(released.status()).as(released.toString()).isEqualTo(200);
            assertThat(released.json().path("status").asText()).isEqualTo("AVAILABLE");
        } finally {
            resumedAt = System.currentTimeMillis();
            startRoute(tripService);
        }

        // The stalled VehicleReserved arrives after all: there is no saga left to join, so no trip.
        ConsumerRecord<String, String> refused =
                awaitDeadLetter(Topics.deadLetterOf(Topics.VEHICLES), bookingId, resumedAt);
        Header reason = refused.headers().lastHeader(EventHeaders.DEAD_LETTER_REASON);
        assertThat(reason).as("dead-letter reason of the late VehicleReserved").isNotNull();
        // trip-service's MANDATORY join finds the LRA gone: the step is refused, not run outside the saga.
        assertThat(new String(reason.value(), StandardCharsets.UTF_8)).contains("Cannot join LRA");
        assertThat(state(services().trips(), bookingId)).isIn("NONE", "FAILED");
        JsonNode booking = fixtures.booking(bookingId);
        assertThat(booking.path("status").asText()).isEqualTo("REJECTED");
        assertThat(booking.path("tripId").isNull() || booking.path("tripId").isMissingNode()).as(booking.toString()).isTrue();
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            JsonNode report = fixtures.consistency();
            assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
        });
    }

    private static void stopRoute(CamelContext camel) {
        try {
            camel.getRouteController().stopRoute(TRIP_SERVICE_VEHICLE_EVENTS_ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot stop trip-service's " + TRIP_SERVICE_VEHICLE_EVENTS_ROUTE, e);
        }
        assertThat(camel.getRouteController().getRouteStatus(TRIP_SERVICE_VEHICLE_EVENTS_ROUTE)).isEqualTo(ServiceStatus.Stopped);
    }

    private static void startRoute(CamelContext camel) {
        try {
            camel.getRouteController().startRoute(TRIP_SERVICE_VEHICLE_EVENTS_ROUTE);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot restart trip-service's " + TRIP_SERVICE_VEHICLE_EVENTS_ROUTE, e);
        }
        assertThat(camel.getRouteController().getRouteStatus(TRIP_SERVICE_VEHICLE_EVENTS_ROUTE)).isEqualTo(ServiceStatus.Started);
    }

    private static void connect(int port) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        }
    }

    /** The record dead-lettered for this booking (keyed by booking id) since {@code sinceMillis}: by trip-service, resumed then. */
    private static ConsumerRecord<String, String> awaitDeadLetter(String topic, String bookingId, long sinceMillis) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, SharedInfrastructure.get().kafka().bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "participant-down-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            java.util.concurrent.atomic.AtomicReference<ConsumerRecord<String, String>> found =
                    new java.util.concurrent.atomic.AtomicReference<>();
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                    .alias("VehicleReserved of " + bookingId + " on " + topic)
                    .until(() -> {
                        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(500))) {
                            if (bookingId.equals(record.key()) && record.timestamp() >= sinceMillis) {
                                found.set(record);
                            }
                        }
                        return found.get() != null;
                    });
            return found.get();
        }
    }

    /** The coordinator's status of an LRA it still has (Active, Cancelling, ...). */
    private static String lraStatus(String lraId) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(lraId + "/status"))
                    .header("Accept", "text/plain").timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("status of %s: %s", lraId, response.body()).isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A service's own word on its step in this booking's saga: ACTIVE, COMPLETED, COMPENSATED, FAILED or NONE. */
    private static String state(DomainServices.Service service, String bookingId) {
        for (JsonNode item : service.sagaParticipations(bookingId).path("items")) {
            if (bookingId.equals(item.path("bookingId").asText())) {
                return item.path("state").asText();
            }
        }
        return "NONE";
    }
}
