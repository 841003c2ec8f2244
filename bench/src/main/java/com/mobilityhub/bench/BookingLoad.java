package com.mobilityhub.bench;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The booking saga through the public API, from POST /bookings to a terminal state.
 * <ul>
 *   <li>success path: a fresh AVAILABLE vehicle per booking (a confirmed booking keeps its vehicle), 201 CONFIRMED;</li>
 *   <li>rejection path: a vehicle in MAINTENANCE, so the credits are held, the vehicle step fails and
 *       the credit hold is compensated: 409 REJECTED VEHICLE_UNAVAILABLE.</li>
 * </ul>
 * Each client books for its own user (rich enough for every booking), so clients never contend on an account.
 */
public final class BookingLoad {

    private static final Duration WAIT_FOR_OUTCOME = Duration.ofSeconds(30);
    private static final Duration GIVE_UP_POLLING = Duration.ofSeconds(90);
    private static final String RICH = "1000000.00";

    private final HubApi hub;
    private final List<String> users = new ArrayList<>();
    private final List<String> unavailableVehicles = new ArrayList<>();
    private final Queue<String> availableVehicles = new ConcurrentLinkedQueue<>();
    /** Every booking this run made, with the outcome it expected. */
    private final Queue<String> bookingIds = new ConcurrentLinkedQueue<>();
    private final ConcurrentHashMap<String, AtomicLong> unexpected = new ConcurrentHashMap<>();
    private final AtomicLong answeredPending = new AtomicLong();

    public BookingLoad(HubApi hub) {
        this.hub = hub;
    }

    /** Registers {@code clients} users and one unavailable vehicle per client (the rejection path's). */
    public void provisionUsers(int clients, Consumer<String> log) throws Exception {
        long began = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            users.add(registerUser());
            String broken = registerVehicle();
            requireStatus(hub.put("/vehicles/" + broken + "/status", "{\"status\":\"MAINTENANCE\"}"), 200,
                    "put vehicle in maintenance");
            unavailableVehicles.add(broken);
        }
        log.accept(String.format(Locale.ROOT, "registered %d users and %d vehicles in maintenance in %.1f s",
                users.size(), unavailableVehicles.size(), (System.nanoTime() - began) / 1e9));
    }

    /** Registers {@code vehicles} AVAILABLE vehicles for the success path (one per booking). */
    public void provisionVehicles(int vehicles, Consumer<String> log) throws Exception {
        long began = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            List<Future<String>> created = new ArrayList<>();
            for (int v = 0; v < vehicles; v++) {
                created.add(pool.submit(this::registerVehicle));
            }
            for (Future<String> id : created) {
                availableVehicles.add(id.get());
            }
        }
        log.accept(String.format(Locale.ROOT, "registered %d available vehicles in %.1f s", vehicles,
                (System.nanoTime() - began) / 1e9));
    }

    public int availableVehicles() {
        return availableVehicles.size();
    }

    /** One booking expected to be CONFIRMED; false when it ended otherwise or no vehicle is left. */
    public boolean bookSuccessfully(int client) throws Exception {
        String vehicle = availableVehicles.poll();
        if (vehicle == null) {
            throw new IllegalStateException("no available vehicle left: provision more");
        }
        return book(users.get(client), vehicle, "CONFIRMED", null);
    }

    /** One booking expected to be REJECTED for VEHICLE_UNAVAILABLE, with the credit hold compensated. */
    public boolean bookRejected(int client) throws Exception {
        return book(users.get(client), unavailableVehicles.get(client), "REJECTED", "VEHICLE_UNAVAILABLE");
    }

    private boolean book(String user, String vehicle, String expectedStatus, String expectedReason) throws Exception {
        double lat = 52.50 + ThreadLocalRandom.current().nextDouble(0.05);
        double lng = 13.35 + ThreadLocalRandom.current().nextDouble(0.05);
        String body = String.format(Locale.ROOT,
                "{\"userId\":\"%s\",\"vehicleId\":\"%s\",\"pickup\":{\"lat\":%.5f,\"lng\":%.5f},"
                        + "\"dropoff\":{\"lat\":%.5f,\"lng\":%.5f}}", user, vehicle, lat, lng, lat + 0.01, lng + 0.01);
        HubApi.Answer answer = hub.post("/bookings", body, WAIT_FOR_OUTCOME.plusSeconds(10),
                "Prefer", "wait=" + WAIT_FOR_OUTCOME.toSeconds());
        String bookingId = answer.text("bookingId");
        if (bookingId == null) {
            countUnexpected("HTTP " + answer.status());
            return false;
        }
        bookingIds.add(bookingId);
        String status;
        String reason;
        if (answer.status() == 201 || answer.status() == 409) {
            status = answer.status() == 201 ? answer.text("status") : answer.text("bookingStatus");
            reason = answer.text("reason");
        } else {
            // 202: still PENDING after the wait; follow it to its end.
            answeredPending.incrementAndGet();
            JsonNode concluded = pollUntilTerminal(bookingId);
            status = concluded == null ? "PENDING" : concluded.path("status").asText();
            reason = concluded == null ? null : concluded.path("reason").asText(null);
        }
        boolean expected = expectedStatus.equals(status) && (expectedReason == null || expectedReason.equals(reason));
        if (!expected) {
            countUnexpected(status + (reason == null ? "" : " " + reason));
        }
        return expected;
    }

    private JsonNode pollUntilTerminal(String bookingId) throws Exception {
        long deadline = System.nanoTime() + GIVE_UP_POLLING.toNanos();
        while (System.nanoTime() < deadline) {
            HubApi.Answer view = hub.get("/bookings/" + bookingId);
            if (view.status() == 200 && !"PENDING".equals(view.text("status"))) {
                return view.body();
            }
            Thread.sleep(50);
        }
        return null;
    }

    /** Ids of this run's bookings that are still not terminal after waiting up to {@code patience}. */
    public List<String> nonTerminalBookings(Duration patience) throws Exception {
        long deadline = System.nanoTime() + patience.toNanos();
        List<String> pending = new ArrayList<>(bookingIds);
        while (true) {
            List<String> still = new ArrayList<>();
            try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
                List<Future<Boolean>> terminal = new ArrayList<>();
                for (String id : pending) {
                    terminal.add(pool.submit(() -> {
                        HubApi.Answer view = hub.get("/bookings/" + id);
                        return view.status() == 200 && !"PENDING".equals(view.text("status"));
                    }));
                }
                for (int i = 0; i < pending.size(); i++) {
                    if (!terminal.get(i).get()) {
                        still.add(pending.get(i));
                    }
                }
            }
            if (still.isEmpty() || System.nanoTime() > deadline) {
                return still;
            }
            pending = still;
            Thread.sleep(1000);
        }
    }

    public int bookingsMade() {
        return bookingIds.size();
    }

    public long answeredPending() {
        return answeredPending.get();
    }

    public java.util.Map<String, Long> unexpectedOutcomes() {
        java.util.Map<String, Long> copy = new java.util.TreeMap<>();
        unexpected.forEach((k, v) -> copy.put(k, v.get()));
        return copy;
    }

    private void countUnexpected(String outcome) {
        unexpected.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
    }

    private String registerUser() throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 12);
        HubApi.Answer answer = hub.post("/users", "{\"name\":\"Bench " + suffix + "\",\"email\":\"bench-" + suffix
                + "@example.com\",\"initialCredits\":\"" + RICH + "\"}", Duration.ofSeconds(30));
        requireStatus(answer, 201, "register user");
        return answer.text("id");
    }

    private String registerVehicle() throws Exception {
        HubApi.Answer answer = hub.post("/vehicles", "{\"vin\":\"" + randomVin() + "\",\"model\":\"Bench\","
                + "\"location\":{\"lat\":52.52,\"lng\":13.405}}", Duration.ofSeconds(30));
        requireStatus(answer, 201, "register vehicle");
        return answer.text("id");
    }

    private static void requireStatus(HubApi.Answer answer, int expected, String what) {
        if (answer.status() != expected) {
            throw new IllegalStateException(what + ": HTTP " + answer.status() + " " + answer.body());
        }
    }

    /** 17 characters of the VIN alphabet (no I, O, Q). */
    static String randomVin() {
        String alphabet = "ABCDEFGHJKLMNPRSTUVWXYZ0123456789";
        StringBuilder vin = new StringBuilder(17);
        for (int i = 0; i < 17; i++) {
            vin.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return vin.toString();
    }
}
