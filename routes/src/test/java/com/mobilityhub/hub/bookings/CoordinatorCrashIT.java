package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.DomainServices;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.TestCoordinator;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the LRA coordinator while sagas run (some LRAs joining, some being closed): after its restart every
 * booking still concludes, and every participant service agrees with the booking's outcome.
 */
class CoordinatorCrashIT extends ThroughTheHub {

    private static final int BOOKINGS = 12;
    private static final Set<String> TERMINAL = Set.of("CONFIRMED", "REJECTED");
    /** What a participant may say of a rejected booking: it never took part, was refused, or undid its step. */
    private static final Set<String> UNDONE = Set.of("NONE", "FAILED", "COMPENSATED");

    @Autowired
    private JdbcTemplate hubDatabase;

    @Test
    void coordinatorKilledMidSagaStillConcludesEveryBooking() {
        BookingFixtures fixtures = new BookingFixtures(hub);
        List<String> users = new ArrayList<>();
        List<String> vehicles = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            users.add(fixtures.registerUser("100.00"));
            vehicles.add(fixtures.registerVehicle());
        }
        String refusedRider = fixtures.registerUser("100.00");
        String refusedVehicle = fixtures.registerVehicle();

        List<String> bookingIds = new ArrayList<>();
        for (int i = 0; i < BOOKINGS; i++) {
            HubClient.Response accepted = fixtures.book(users.get(i), vehicles.get(i));
            assertThat(accepted.status()).as(accepted.toString()).isEqualTo(202);
            bookingIds.add(accepted.json().path("bookingId").asText());
        }
        // Kill once the first saga concluded: the others are then joining or being closed by the coordinator.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> bookingIds.stream().anyMatch(id -> TERMINAL.contains(status(fixtures, id))));
        TestCoordinator.get().kill();

        assertThat(TestCoordinator.get().isAlive()).isFalse();
        // Without a coordinator the hub starts no saga: 503, and nothing stored.
        HubClient.Response refused = fixtures.book(refusedRider, refusedVehicle);
        assertProblem(refused, 503);
        assertThat(hubDatabase.queryForObject("select count(*) from booking where user_id = ?::uuid", Long.class,
                refusedRider)).isZero();

        TestCoordinator.get().restart();

        Map<String, String> outcomes = new HashMap<>();
        Set<String> lraIds = new HashSet<>();
        await().atMost(Duration.ofSeconds(SAGA_TIMEOUT_SECONDS * 3L + 60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    for (String bookingId : bookingIds) {
                        JsonNode booking = fixtures.booking(bookingId);
                        assertThat(booking.path("status").asText())
                                .as(() -> booking + " coordinator: " + TestCoordinator.describe(booking.path("lraId").asText()))
                                .isIn(TERMINAL);
                        outcomes.put(bookingId, booking.path("status").asText());
                        lraIds.add(booking.path("lraId").asText());
                    }
                });
        // Not one LRA left behind (the bug this test was written for: LRAs closing at the kill stayed Closing).
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(TestCoordinator.lraIds()).as("LRAs the coordinator still has")
                        .doesNotContainAnyElementsOf(lraIds));
        await().atMost(Duration.ofSeconds(SAGA_TIMEOUT_SECONDS * 2L + 30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode report = fixtures.consistency();
                    assertThat(report.path("ok").asBoolean()).as(report.toString()).isTrue();
                });
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertParticipantsAgree(outcomes));
        // The saga still works after the restart.
        HubClient.Response after = fixtures.bookAndWait(refusedRider, refusedVehicle, 30);
        assertThat(after.status()).as(after.toString()).isEqualTo(201);
    }

    /** Asks each participant service itself: a confirmed booking's step stands in all four, a rejected one in none. */
    private static void assertParticipantsAgree(Map<String, String> outcomes) {
        String query = String.join(",", outcomes.keySet());
        for (DomainServices.Service service : List.of(services().users(), services().vehicles(), services().trips(),
                services().notifications())) {
            JsonNode items = service.sagaParticipations(query).path("items");
            Map<String, String> states = new HashMap<>();
            items.forEach(item -> states.put(item.path("bookingId").asText(), item.path("state").asText()));
            outcomes.forEach((bookingId, outcome) -> {
                String state = states.getOrDefault(bookingId, "NONE");
                if (outcome.equals("CONFIRMED")) {
                    assertThat(state).as("%s for CONFIRMED booking %s", service.appName(), bookingId)
                            .isEqualTo("COMPLETED");
                } else {
                    assertThat(state).as("%s for REJECTED booking %s", service.appName(), bookingId).isIn(UNDONE);
                }
            });
        }
    }

    private static String status(BookingFixtures fixtures, String bookingId) {
        return fixtures.booking(bookingId).path("status").asText();
    }
}
