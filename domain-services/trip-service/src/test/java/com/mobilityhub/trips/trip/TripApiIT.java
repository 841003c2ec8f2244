package com.mobilityhub.trips.trip;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.api.trips.TripView;
import com.mobilityhub.trips.ApiClient;
import com.mobilityhub.trips.WholeTripService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Trips are seeded through the repository: the booking saga that creates them comes later. */
@WholeTripService
class TripApiIT {

    private static final Instant T0 = Instant.now().truncatedTo(ChronoUnit.MICROS).minus(1, ChronoUnit.DAYS);

    @LocalServerPort
    int port;
    @Autowired
    TripRepository trips;

    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient(port);
    }

    @Test
    void showsATripWithItsRouteInOrder() {
        Trip trip = Trip.create("booking-" + UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(),
                new GeoPoint(52.52, 13.405), new GeoPoint(52.50, 13.37), new BigDecimal("18.40"), T0);
        trip.start(T0.plusSeconds(60));
        trip.recordPosition(new GeoPoint(52.521, 13.401), T0.plusSeconds(70));
        trip.recordPosition(new GeoPoint(52.515, 13.390), T0.plusSeconds(130));
        trip.recordPosition(new GeoPoint(52.503, 13.372), T0.plusSeconds(190));
        trips.saveAndFlush(trip);

        ApiClient.Response response = api.get("/trips/" + trip.getId());

        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.contentType()).startsWith("application/json");
        TripView view = response.as(TripView.class);
        assertThat(view).usingRecursiveComparison().withComparatorForType(BigDecimal::compareTo, BigDecimal.class)
                .isEqualTo(trip.toView());
        assertThat(view.status()).isEqualTo(TripStatus.IN_PROGRESS);
        assertThat(view.fare()).isEqualByComparingTo("18.40");
        assertThat(response.body()).contains("\"fare\":18.40");
        assertThat(view.route()).extracting(TripView.RoutePoint::sequence).containsExactly(0, 1, 2);
        assertThat(view.route()).extracting(TripView.RoutePoint::lat).containsExactly(52.521, 52.515, 52.503);
        assertThat(view.route().get(2).at()).isEqualTo(T0.plusSeconds(190));
    }

    @Test
    void answersNotFoundNamingTheIdForAnUnknownTrip() {
        ApiClient.Response response = api.get("/trips/" + UUID.randomUUID());

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemFields()).containsExactly("id");
    }

    @Test
    void refusesATripIdThatIsNotAUuid() {
        ApiClient.Response response = api.get("/trips/42");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.problemFields()).containsExactly("id");
    }

    @Test
    void listsARidersTripsOfOneStatusNewestFirst() {
        UUID rider = UUID.randomUUID();
        UUID otherRider = UUID.randomUUID();
        Trip oldestCompleted = seed(rider, TripStatus.COMPLETED, T0.plusSeconds(1));
        Trip cancelled = seed(rider, TripStatus.CANCELLED, T0.plusSeconds(2));
        Trip newestCompleted = seed(rider, TripStatus.COMPLETED, T0.plusSeconds(3));
        Trip created = seed(rider, TripStatus.CREATED, T0.plusSeconds(4));
        Trip middleCompleted = seed(rider, TripStatus.COMPLETED, T0.plusSeconds(2));
        seed(otherRider, TripStatus.COMPLETED, T0.plusSeconds(5));

        assertThat(ids(api.get("/trips?userId=" + rider + "&status=COMPLETED")))
                .containsExactly(newestCompleted.getId(), middleCompleted.getId(), oldestCompleted.getId());
        assertThat(ids(api.get("/trips?userId=" + rider + "&status=IN_PROGRESS"))).isEmpty();

        JsonNode everything = api.get("/trips?userId=" + rider).json();
        assertThat(everything.path("page").path("totalItems").asLong()).isEqualTo(5);
        List<UUID> all = new ArrayList<>();
        everything.path("items").forEach(item -> {
            assertThat(item.path("userId").asText()).isEqualTo(rider.toString());
            all.add(UUID.fromString(item.path("id").asText()));
        });
        assertThat(all).hasSize(5);
        assertThat(all.get(0)).isEqualTo(created.getId());
        assertThat(all.get(1)).isEqualTo(newestCompleted.getId());
        assertThat(all.subList(2, 4)).as("two trips created at the same instant").containsExactlyInAnyOrder(
                middleCompleted.getId(), cancelled.getId());
        assertThat(all.get(4)).isEqualTo(oldestCompleted.getId());
    }

    @Test
    void pagesThroughARidersTripsWithoutSkippingOrRepeatingAny() {
        UUID rider = UUID.randomUUID();
        List<UUID> newestFirst = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            newestFirst.addFirst(seed(rider, TripStatus.COMPLETED, T0.plusSeconds(i)).getId());
        }

        List<UUID> paged = new ArrayList<>();
        for (int page = 0; page < 3; page++) {
            JsonNode listing = api.get("/trips?userId=" + rider + "&status=COMPLETED&size=2&page=" + page).json();
            assertThat(listing.path("page").path("number").asInt()).isEqualTo(page);
            assertThat(listing.path("page").path("size").asInt()).isEqualTo(2);
            assertThat(listing.path("page").path("totalItems").asLong()).isEqualTo(5);
            assertThat(listing.path("page").path("totalPages").asInt()).isEqualTo(3);
            listing.path("items").forEach(item -> paged.add(UUID.fromString(item.path("id").asText())));
        }

        assertThat(paged).containsExactlyElementsOf(newestFirst);
        assertThat(ids(api.get("/trips?userId=" + rider + "&status=COMPLETED&size=2&page=3"))).isEmpty();
    }

    @ParameterizedTest(name = "{0} -> 400 naming {1}")
    @CsvSource({
            "/trips?userId=%s&status=FINISHED, status",
            "/trips?userId=%s&status=completed, status",
            "/trips?userId=not-a-uuid, userId",
            "/trips?userId=12345, userId",
            "/trips, userId",
            "/trips?status=COMPLETED, userId",
            "/trips?userId=%s&page=-1, page",
            "/trips?userId=%s&size=0, size",
            "/trips?userId=%s&size=201, size",
            "/trips?userId=%s&size=ten, size"})
    void refusesABadListingNamingTheParameter(String path, String field) {
        ApiClient.Response response = api.get(path.formatted(UUID.randomUUID()));

        assertThat(response.status()).as(response.toString()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.problemFields()).containsExactly(field);
    }

    @Test
    void keepsOneTripPerBooking() {
        String booking = "booking-" + UUID.randomUUID();
        trips.saveAndFlush(Trip.create(booking, UUID.randomUUID(), UUID.randomUUID(), new GeoPoint(1.0, 1.0),
                new GeoPoint(2.0, 2.0), null, T0));

        assertThatThrownBy(() -> trips.saveAndFlush(Trip.create(booking, UUID.randomUUID(), UUID.randomUUID(),
                new GeoPoint(1.0, 1.0), new GeoPoint(2.0, 2.0), null, T0)))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("trip_booking_key");
    }

    private Trip seed(UUID rider, TripStatus status, Instant createdAt) {
        Trip trip = Trip.create("booking-" + UUID.randomUUID(), rider, UUID.randomUUID(), new GeoPoint(48.1, 11.5),
                new GeoPoint(48.2, 11.6), new BigDecimal("9.90"), createdAt);
        switch (status) {
            case CREATED -> { }
            case IN_PROGRESS -> trip.start(createdAt.plusSeconds(1));
            case COMPLETED -> {
                trip.start(createdAt.plusSeconds(1));
                trip.complete(new BigDecimal("12.500"), new BigDecimal("20.00"), new BigDecimal("3.100"),
                        createdAt.plusSeconds(2));
            }
            case CANCELLED -> trip.cancel(createdAt.plusSeconds(1));
        }
        return trips.saveAndFlush(trip);
    }

    private static List<UUID> ids(ApiClient.Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<UUID> ids = new ArrayList<>();
        response.json().path("items").forEach(item -> ids.add(UUID.fromString(item.path("id").asText())));
        return ids;
    }
}
