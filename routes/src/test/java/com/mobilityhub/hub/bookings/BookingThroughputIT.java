package com.mobilityhub.hub.bookings;

import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A short load run, for the figures only (no timing assertion): 8 clients book back to back with
 * {@code Prefer: wait=30}, so each answer arrives when its saga concluded. Prints bookings/s and
 * p50/p99 of POST to terminal, also to {@code target/booking-throughput.txt}.
 */
class BookingThroughputIT extends ThroughTheHub {

    private static final int CLIENTS = 8;
    private static final Duration RUN = Duration.ofSeconds(Long.getLong("booking.load.seconds", 15));

    @Test
    void concludesEveryBookingOfEightBusyClients() throws Exception {
        BookingFixtures fixtures = new BookingFixtures(hub);
        List<Long> latenciesMicros = Collections.synchronizedList(new ArrayList<>());
        List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        long started = System.nanoTime();
        long deadline = started + RUN.toNanos();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<?>> running = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                running.add(clients.submit(() -> {
                    String user = fixtures.registerUser("100000.00");
                    while (System.nanoTime() < deadline) {
                        String vehicle = fixtures.registerVehicle();
                        long sent = System.nanoTime();
                        HubClient.Response answer = fixtures.book(BookingFixtures.body(user, vehicle),
                                Map.of("Prefer", "wait=30"));
                        latenciesMicros.add((System.nanoTime() - sent) / 1_000);
                        statuses.add(answer.status());
                    }
                    return null;
                }));
            }
            for (Future<?> client : running) {
                client.get();
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        List<Long> sorted = new ArrayList<>(latenciesMicros);
        Collections.sort(sorted);
        String figures = ("booking load: %d clients, %d bookings in %.1f s = %.1f bookings/s (incl. registering a vehicle"
                + " per booking); POST->terminal p50 %.0f ms, p99 %.0f ms, max %.0f ms; statuses %s").formatted(
                CLIENTS, sorted.size(), seconds, sorted.size() / seconds, percentile(sorted, 0.50) / 1000.0,
                percentile(sorted, 0.99) / 1000.0, sorted.getLast() / 1000.0,
                statuses.stream().collect(java.util.stream.Collectors.groupingBy(s -> s, java.util.TreeMap::new,
                        java.util.stream.Collectors.counting())));
        System.out.println(figures);
        try {
            Files.writeString(Path.of("target", "booking-throughput.txt"), figures + System.lineSeparator());
        } catch (IOException e) {
            // the figures are in the test output anyway
        }
        assertThat(statuses).isNotEmpty().allMatch(status -> status == 201, "every booking CONFIRMED in time");
    }

    private static long percentile(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1));
    }
}
