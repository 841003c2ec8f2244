package com.mobilityhub.coordinator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged coordinator with {@code mobility.coordinator.object-store=journal}: LRAs survive kill -9, also in the
 * middle of closes. (The whole {@link CoordinatorIT} runs against the journal with
 * {@code -Dmobility.coordinator.object-store=journal}.)
 */
class JournalStoreIT {

    private static final Duration LONG_TIME_LIMIT = Duration.ofMinutes(5);
    private static final Duration CALLBACK_WAIT = Duration.ofSeconds(60);

    @TempDir
    static Path workDir;

    private static CoordinatorProcess coordinator;
    private static CoordinatorClient lras;
    private static RecordingParticipant participant;

    @BeforeAll
    static void startCoordinatorOnTheJournal() {
        participant = RecordingParticipant.start();
        coordinator = CoordinatorProcess.start(CoordinatorProcess.freePort(), workDir.resolve("lra-object-store"),
                Map.of(CoordinatorProcess.OBJECT_STORE_PROPERTY, "journal"));
        lras = new CoordinatorClient(coordinator.url());
    }

    @AfterAll
    static void stop() {
        if (coordinator != null) {
            coordinator.close();
        }
        if (participant != null) {
            participant.close();
        }
    }

    @Test
    void keepsTheLrasInTheJournalAndNoneInLraFiles() throws Exception {
        String lra = lras.start("journal-test");
        lras.join(lra, participant.linkHeader(participantId("a")), LONG_TIME_LIMIT);

        assertThat(coordinator.objectStoreDir().resolve(JournalObjectStore.JOURNAL_DIR)).isDirectory();
        try (var files = Files.walk(coordinator.objectStoreDir())) {
            assertThat(files.filter(file -> file.toString().contains("/LongRunningAction/")).toList())
                    .as("LRA files beside the journal").isEmpty();
        }
        lras.close(lra);
    }

    @Test
    void lrasStartedJoinedAndClosingSurviveKillMinusNine() {
        List<Saga> active = startJoinedSagas("active-at-kill", 4);
        List<Saga> closing = startJoinedSagas("closing-at-kill", 16);
        closing.forEach(saga -> Thread.ofVirtual().start(() -> lras.closeAllowingAnyAnswer(saga.lraId())));
        sleep(Duration.ofMillis(80));
        coordinator.kill();
        coordinator.restart();

        assertThat(lras.lraIds()).as("reloaded from the journal")
                .containsAll(active.stream().map(Saga::lraId).toList());
        active.forEach(saga -> lras.close(saga.lraId()));
        // The client retries the closes it got no answer for.
        closing.forEach(saga -> lras.closeAllowingAnyAnswer(saga.lraId()));

        List<Saga> all = new ArrayList<>(active);
        all.addAll(closing);
        await().atMost(CALLBACK_WAIT).untilAsserted(() -> assertThat(lras.lraIds()).as("LRAs left in the coordinator")
                .doesNotContainAnyElementsOf(all.stream().map(Saga::lraId).toList()));
        // Completed, perhaps twice (a close cut short is replayed to every participant), never compensated.
        all.forEach(saga -> saga.participants().forEach(id ->
                assertThat(participant.callbacks(id)).as(id).isNotEmpty().containsOnly("complete")));
    }

    private static List<Saga> startJoinedSagas(String name, int count) {
        List<Saga> sagas = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String lra = lras.start(name);
            List<String> participants = List.of(participantId(name + "-a"), participantId(name + "-b"),
                    participantId(name + "-c"));
            participants.forEach(id -> lras.join(lra, participant.linkHeader(id), LONG_TIME_LIMIT));
            sagas.add(new Saga(lra, participants));
        }
        return sagas;
    }

    private static String participantId(String role) {
        return role + "-" + UUID.randomUUID();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private record Saga(String lraId, List<String> participants) {
    }
}
