package com.mobilityhub.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged coordinator (exec jar, child JVM) against a participant that records its callbacks over real HTTP.
 */
class CoordinatorIT {

    private static final Duration LONG_TIME_LIMIT = Duration.ofMinutes(5);
    private static final Duration CALLBACK_WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path workDir;

    private static CoordinatorProcess coordinator;
    private static CoordinatorClient lras;
    private static RecordingParticipant participant;

    @BeforeAll
    static void startCoordinatorAndParticipant() {
        participant = RecordingParticipant.start();
        coordinator = CoordinatorProcess.start(CoordinatorProcess.freePort(), workDir.resolve("lra-object-store"));
        lras = new CoordinatorClient(coordinator.url());
    }

    @AfterAll
    static void stopCoordinatorAndParticipant() {
        if (coordinator != null) {
            coordinator.close();
        }
        if (participant != null) {
            participant.close();
        }
    }

    @Test
    void completesEveryParticipantOnceWhenTheLraCloses() {
        String lra = lras.start("close-test");
        String first = participantId("first");
        String second = participantId("second");
        lras.join(lra, participant.linkHeader(first), LONG_TIME_LIMIT);
        lras.join(lra, participant.linkHeader(second), LONG_TIME_LIMIT);

        lras.close(lra);

        await().atMost(CALLBACK_WAIT).untilAsserted(() -> assertThat(lras.lraIds()).doesNotContain(lra));
        assertThat(participant.callbacks(first)).containsExactly("complete");
        assertThat(participant.callbacks(second)).containsExactly("complete");
    }

    @Test
    void compensatesEveryParticipantOnceWhenTheLraIsCancelled() {
        String lra = lras.start("cancel-test");
        String first = participantId("first");
        String second = participantId("second");
        lras.join(lra, participant.linkHeader(first), LONG_TIME_LIMIT);
        lras.join(lra, participant.linkHeader(second), LONG_TIME_LIMIT);

        lras.cancel(lra);

        await().atMost(CALLBACK_WAIT).untilAsserted(() -> assertThat(lras.lraIds()).doesNotContain(lra));
        assertThat(participant.callbacks(first)).containsExactly("compensate");
        assertThat(participant.callbacks(second)).containsExactly("compensate");
    }

    @Test
    void cancelsAnLraThatOutlivesItsTimeLimitAndCompensatesItsParticipant() {
        String lra = lras.start("timeout-test");
        String silent = participantId("silent");
        lras.join(lra, participant.linkHeader(silent), Duration.ofSeconds(2));

        await().atMost(CALLBACK_WAIT).untilAsserted(() ->
                assertThat(participant.callbacks(silent)).containsExactly("compensate"));
        await().atMost(CALLBACK_WAIT).untilAsserted(() -> assertThat(lras.lraIds()).doesNotContain(lra));
    }

    /**
     * Narayana's recovery scan reloads every stored Active LRA into a fresh copy whose restored time limit arms its
     * own timer. An LRA closed after such a scan must not be compensated when that copy's timer fires.
     */
    @Test
    void anLraClosedAfterARecoveryScanIsNotCompensatedAtItsTimeLimit() {
        Duration timeLimit = Duration.ofSeconds(12);
        java.time.Instant expires = java.time.Instant.now().plus(timeLimit);
        List<Saga> sagas = startJoinedSagas("closed-after-scan", 3, 2, timeLimit);
        // Long enough for at least two recovery scans to see the LRAs Active in the store.
        sleep(CoordinatorProcess.DEFAULT_RECOVERY_PERIOD.multipliedBy(5).dividedBy(2));
        sagas.forEach(saga -> lras.close(saga.lraId()));
        await().atMost(CALLBACK_WAIT).untilAsserted(() -> assertThat(lras.lraIds())
                .doesNotContainAnyElementsOf(sagas.stream().map(Saga::lraId).toList()));

        sleep(Duration.between(java.time.Instant.now(), expires.plusSeconds(5)));
        assertCallbacks(sagas, "complete");
    }

    /** Jersey serves the API at the root; actuator endpoints must not be shadowed by it. */
    @Test
    void exposesHealthProbesAndPrometheusMetricsBesideTheLraApi() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
            HttpResponse<String> health = get(http, coordinator.baseUrl() + probe);
            assertThat(health.statusCode()).as(probe).isEqualTo(200);
            assertThat(health.body()).as(probe).contains("\"status\":\"UP\"");
        }
        HttpResponse<String> metrics = get(http, coordinator.baseUrl() + "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("application=\"lra-coordinator\"");
    }

    private static HttpResponse<String> get(HttpClient http, String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Kills the shared coordinator and restarts it in place, so the other tests can run before or after it. */
    @Test
    void survivesKillMinusNineWithLrasInFlight() {
        List<Saga> toClose = startJoinedSagas("close-after-crash", 3, LONG_TIME_LIMIT);
        List<Saga> toCancel = startJoinedSagas("cancel-after-crash", 3, LONG_TIME_LIMIT);
        // Its time limit passes while the coordinator is down: the restarted coordinator must still cancel it.
        List<Saga> toTimeOut = startJoinedSagas("timeout-across-crash", 1, Duration.ofSeconds(3));

        coordinator.kill();
        assertThat(coordinator.isAlive()).isFalse();
        coordinator.restart();

        List<String> reloaded = lras.lraIds();
        toClose.forEach(saga -> assertThat(reloaded).as("reloaded from the object store").contains(saga.lraId()));
        toCancel.forEach(saga -> assertThat(reloaded).as("reloaded from the object store").contains(saga.lraId()));

        toClose.forEach(saga -> lras.close(saga.lraId()));
        toCancel.forEach(saga -> lras.cancel(saga.lraId()));

        await().atMost(CALLBACK_WAIT).untilAsserted(() -> {
            assertCallbacks(toClose, "complete");
            assertCallbacks(toCancel, "compensate");
            assertCallbacks(toTimeOut, "compensate");
        });
        List<String> all = Stream.of(toClose, toCancel, toTimeOut).flatMap(List::stream).map(Saga::lraId).toList();
        await().atMost(CALLBACK_WAIT).untilAsserted(() ->
                assertThat(lras.lraIds()).as("LRAs left in the coordinator").doesNotContainAnyElementsOf(all));
    }

    /**
     * The coordinator dies while it is closing LRAs: one waits for a participant that does not answer its completion,
     * another has a participant that answered it 503 (Closing, left for recovery). After the restart both must still
     * finish: every participant completed, never compensated, and the LRAs gone from the coordinator.
     */
    @Test
    void finishesLrasThatWereClosingWhenKilled() {
        String waiting = lras.start("closing-at-crash");
        String waitingDone = participantId("answers");
        String hung = participantId("hangs");
        lras.join(waiting, participant.linkHeader(waitingDone), LONG_TIME_LIMIT);
        lras.join(waiting, participant.linkHeader(hung), LONG_TIME_LIMIT);
        String retrying = lras.start("closing-with-failure-at-crash");
        String retryingDone = participantId("answers");
        String failing = participantId("fails");
        lras.join(retrying, participant.linkHeader(retryingDone), LONG_TIME_LIMIT);
        lras.join(retrying, participant.linkHeader(failing), LONG_TIME_LIMIT);
        participant.fail(failing);
        participant.hang(hung);

        lras.closeAllowingAnyAnswer(retrying);
        Thread closer = Thread.ofVirtual().start(() -> lras.closeAllowingAnyAnswer(waiting));
        await().atMost(CALLBACK_WAIT).untilAsserted(() ->
                assertThat(participant.callbacks(hung)).as("completion reached the hung participant").contains("complete"));
        coordinator.kill();
        joinQuietly(closer);
        participant.heal(hung);
        participant.heal(failing);
        coordinator.restart();

        await().atMost(CALLBACK_WAIT).untilAsserted(() -> {
            for (String id : List.of(waitingDone, hung, retryingDone, failing)) {
                assertThat(participant.answeredCallbacks(id)).as(id).contains("complete");
                assertThat(participant.callbacks(id)).as(id).doesNotContain("compensate");
            }
            assertThat(lras.lraIds()).as("LRAs left in the coordinator").doesNotContain(waiting, retrying);
        });
    }

    /**
     * The mixed outcome once seen through the hub (its booking CONFIRMED, two services COMPENSATED) after a restart:
     * the LRAs' time limit passes while the coordinator is down in the middle of their close (or before the client's
     * close reached it), and the client retries its close right after the restart, as the hub did. Each LRA must end
     * one way for all five participants: never some completed and others compensated.
     */
    @Test
    void neverMixesOutcomesWhenTheTimeLimitPassesDuringACrashedClose() {
        Duration timeLimit = Duration.ofSeconds(20);
        java.time.Instant expired = java.time.Instant.now().plus(timeLimit).plusSeconds(2);
        List<Saga> hungInClose = startJoinedSagas("hung-in-close", 2, 5, timeLimit);
        List<Saga> failedInClose = startJoinedSagas("failed-in-close", 2, 5, timeLimit);
        List<Saga> notYetClosed = startJoinedSagas("not-yet-closed", 2, 5, timeLimit);
        hungInClose.forEach(saga -> participant.hang(saga.participants().get(2)));
        failedInClose.forEach(saga -> participant.fail(saga.participants().get(3)));
        failedInClose.forEach(saga -> lras.closeAllowingAnyAnswer(saga.lraId()));
        List<Thread> closers = hungInClose.stream()
                .map(saga -> Thread.ofVirtual().start(() -> lras.closeAllowingAnyAnswer(saga.lraId()))).toList();
        await().atMost(CALLBACK_WAIT).untilAsserted(() -> hungInClose.forEach(saga ->
                assertThat(participant.callbacks(saga.participants().get(2))).contains("complete")));

        coordinator.kill();
        closers.forEach(CoordinatorIT::joinQuietly);
        Stream.of(hungInClose, failedInClose).flatMap(List::stream).flatMap(saga -> saga.participants().stream())
                .forEach(participant::heal);
        // Down past the time limit.
        sleep(Duration.between(java.time.Instant.now(), expired));
        coordinator.restart();
        // The client (the hub) retries the closes it got no answer for.
        List<Saga> all = Stream.of(hungInClose, failedInClose, notYetClosed).flatMap(List::stream).toList();
        all.forEach(saga -> lras.closeAllowingAnyAnswer(saga.lraId()));

        await().atMost(CALLBACK_WAIT.multipliedBy(2)).untilAsserted(() ->
                assertThat(lras.lraIds()).as("LRAs left in the coordinator")
                        .doesNotContainAnyElementsOf(all.stream().map(Saga::lraId).toList()));
        for (Saga saga : all) {
            List<String> outcomes = saga.participants().stream()
                    .map(id -> participant.callbacks(id).contains("compensate") ? "compensate"
                            : participant.callbacks(id).contains("complete") ? "complete" : "none")
                    .toList();
            assertThat(outcomes).as("%s: %s", saga.lraId(), saga.participants().stream()
                    .map(id -> id + "=" + participant.callbacks(id)).toList()).containsOnly(outcomes.getFirst());
            if (!notYetClosed.contains(saga)) {
                // Its close had begun (some participants completed before the kill): it must finish as a close.
                assertThat(outcomes).as(saga.lraId()).containsOnly("complete");
            }
        }
    }

    /**
     * After a restart Narayana may hold more than one in-memory copy of a reloaded LRA (the one recovery loaded and
     * the one a client request finds). Closes sent around the moment the time limit of such LRAs expires must still
     * end each LRA one way for all its participants.
     */
    @Test
    void neverMixesOutcomesWhenACloseRacesTheTimeLimitAfterARestart() {
        Duration timeLimit = Duration.ofSeconds(45);
        java.time.Instant expires = java.time.Instant.now().plus(timeLimit);
        List<Saga> sagas = startJoinedSagas("close-at-time-limit", 12, 5, timeLimit);

        coordinator.kill();
        coordinator.restart();
        // Closes spread from 1.2 s before to 1 s after the time limit, each sent twice (the hub retries).
        for (int i = 0; i < sagas.size(); i++) {
            sleep(Duration.between(java.time.Instant.now(), expires.plusMillis(200L * (i - sagas.size() / 2))));
            String lra = sagas.get(i).lraId();
            Thread.ofVirtual().start(() -> lras.closeAllowingAnyAnswer(lra));
            Thread.ofVirtual().start(() -> lras.closeAllowingAnyAnswer(lra));
        }

        await().atMost(CALLBACK_WAIT.multipliedBy(2)).untilAsserted(() ->
                assertThat(lras.lraIds()).as("LRAs left in the coordinator")
                        .doesNotContainAnyElementsOf(sagas.stream().map(Saga::lraId).toList()));
        sagas.forEach(CoordinatorIT::assertOneOutcome);
    }

    /**
     * kill -9 while many closes are being written: no LRA file is ever left truncated (the store renames complete
     * files into place), so after each restart every LRA is still known and ends one way for all its participants.
     */
    @Test
    void killsDuringClosesNeverLeaveATruncatedLraBehind() {
        for (int round = 0; round < 3; round++) {
            List<Saga> sagas = startJoinedSagas("killed-while-closing-" + round, 16, 3, LONG_TIME_LIMIT);
            sagas.forEach(saga -> Thread.ofVirtual().start(() -> lras.closeAllowingAnyAnswer(saga.lraId())));
            sleep(Duration.ofMillis(40L + 60L * round));
            coordinator.kill();

            assertThat(emptyLraFiles()).as("LRA files truncated by the kill in round %d", round).isEmpty();
            coordinator.restart();
            // The client retries the closes it got no answer for.
            sagas.forEach(saga -> lras.closeAllowingAnyAnswer(saga.lraId()));
            await().atMost(CALLBACK_WAIT.multipliedBy(2)).untilAsserted(() ->
                    assertThat(lras.lraIds()).as("LRAs left in the coordinator")
                            .doesNotContainAnyElementsOf(sagas.stream().map(Saga::lraId).toList()));
            // Completed, perhaps twice (a close cut short is replayed to every participant), never compensated.
            sagas.forEach(saga -> saga.participants().forEach(id ->
                    assertThat(participant.callbacks(id)).as(id).isNotEmpty().containsOnly("complete")));
        }
    }

    private static List<Path> emptyLraFiles() {
        try (Stream<Path> files = java.nio.file.Files.walk(coordinator.objectStoreDir())) {
            return files.filter(java.nio.file.Files::isRegularFile)
                    .filter(file -> file.getParent().getFileName().toString().equals("LongRunningAction"))
                    .filter(file -> file.toFile().length() == 0)
                    .toList();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void assertOneOutcome(Saga saga) {
        List<String> outcomes = saga.participants().stream()
                .map(id -> participant.callbacks(id).contains("compensate") ? "compensate"
                        : participant.callbacks(id).contains("complete") ? "complete" : "none")
                .toList();
        assertThat(outcomes).as("%s: %s", saga.lraId(), saga.participants().stream()
                .map(id -> id + "=" + participant.callbacks(id)).toList()).containsOnly(outcomes.getFirst());
    }

    private static void sleep(Duration duration) {
        if (duration.isNegative()) {
            return;
        }
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(CALLBACK_WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void assertCallbacks(List<Saga> sagas, String expected) {
        sagas.forEach(saga -> saga.participants().forEach(id ->
                assertThat(participant.callbacks(id)).as(id).containsExactly(expected)));
    }

    private static List<Saga> startJoinedSagas(String name, int count, Duration timeLimit) {
        return startJoinedSagas(name, count, 2, timeLimit);
    }

    private static List<Saga> startJoinedSagas(String name, int count, int participantsEach, Duration timeLimit) {
        List<Saga> sagas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String lra = lras.start(name);
            List<String> participants = new ArrayList<>();
            for (int p = 0; p < participantsEach; p++) {
                participants.add(participantId(name + "-" + (char) ('a' + p)));
            }
            participants.forEach(id -> lras.join(lra, participant.linkHeader(id), timeLimit));
            sagas.add(new Saga(lra, participants));
        }
        return sagas;
    }

    private static String participantId(String role) {
        return role + "-" + UUID.randomUUID();
    }

    private record Saga(String lraId, List<String> participants) {
    }
}
