package com.mobilityhub.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static com.mobilityhub.bench.StackCpu.OTHERS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

class StackCpuTest {

    private static final long LEVEL_START = 10_000;

    @Test
    void aProcessSeenAtBothEndsCountsItsOwnAndReapedDifference() {
        Map<Long, StackCpu.Sample> start = samples(sample(1, "hub", 0, 500, 10, 100));
        Map<Long, StackCpu.Sample> end = samples(sample(1, "hub", 0, 800, 15, 100));

        assertThat(StackCpu.ticksByProcess(start, end, LEVEL_START)).containsExactly(entry("hub", 305L));
    }

    @Test
    void aProcessFoundOnlyAtTheEndCountsFromZeroOnlyWhenItStartedDuringTheLevel() {
        Map<Long, StackCpu.Sample> start = samples(sample(1, OTHERS, 0, 100, 0, 50));
        Map<Long, StackCpu.Sample> end = samples(sample(1, OTHERS, 0, 100, 0, 50),
                sample(2, OTHERS, 1, 40, 0, LEVEL_START + 5),
                sample(3, OTHERS, 1, 9_000, 0, LEVEL_START - 5));

        assertThat(StackCpu.ticksByProcess(start, end, LEVEL_START)).containsExactly(entry(OTHERS, 40L));
    }

    @Test
    void aReusedPidIsANewProcess() {
        Map<Long, StackCpu.Sample> start = samples(sample(7, OTHERS, 1, 900, 0, 50));
        Map<Long, StackCpu.Sample> end = samples(sample(7, OTHERS, 1, 30, 0, LEVEL_START + 1));

        assertThat(StackCpu.ticksByProcess(start, end, LEVEL_START)).containsExactly(entry(OTHERS, 30L));
    }

    @Test
    void aChildThatEndedDuringTheLevelCountsThroughItsParentWithoutItsTimeBeforeTheLevel() {
        // The backend had used 200 ticks before the level and 60 during it; the postmaster reaped all 260.
        Map<Long, StackCpu.Sample> start = samples(sample(1, OTHERS, 0, 100, 0, 50), sample(2, OTHERS, 1, 200, 0, 60));
        Map<Long, StackCpu.Sample> end = samples(sample(1, OTHERS, 0, 110, 260, 50));

        assertThat(StackCpu.ticksByProcess(start, end, LEVEL_START)).containsExactly(entry(OTHERS, 10L + 60L));
    }

    @Test
    void neverTakesBackMoreThanTheParentReaped() {
        // The child is gone but its parent has not waited for it (or never will): nothing to take back.
        Map<Long, StackCpu.Sample> start = samples(sample(1, "launcher (Kafka)", 0, 100, 0, 50),
                sample(2, OTHERS, 1, 200, 0, 60));
        Map<Long, StackCpu.Sample> end = samples(sample(1, "launcher (Kafka)", 0, 130, 0, 50));

        assertThat(StackCpu.ticksByProcess(start, end, LEVEL_START)).containsExactly(entry("launcher (Kafka)", 30L));
    }

    @Test
    void groupsProcessesUnderTheirRowInTheOrderOfTheEndSnapshot() {
        Map<Long, StackCpu.Sample> start = samples(sample(1, "hub", 0, 0, 0, 1), sample(5, OTHERS, 1, 0, 0, 1),
                sample(6, OTHERS, 1, 0, 0, 1), sample(9, StackCpu.BENCH, 0, 0, 0, 1));
        Map<Long, StackCpu.Sample> end = samples(sample(1, "hub", 0, 3, 0, 1), sample(5, OTHERS, 1, 4, 0, 1),
                sample(6, OTHERS, 1, 5, 0, 1), sample(9, StackCpu.BENCH, 0, 6, 0, 1));

        assertThat(StackCpu.ticksByProcess(start, end, LEVEL_START))
                .containsExactly(entry("hub", 3L), entry(OTHERS, 9L), entry(StackCpu.BENCH, 6L));
    }

    private static Map.Entry<Long, StackCpu.Sample> sample(long pid, String process, long ppid, long own, long reaped,
                                                          long started) {
        return Map.entry(pid, new StackCpu.Sample(process, new ProcStat(ppid, own, reaped, started)));
    }

    @SafeVarargs
    private static Map<Long, StackCpu.Sample> samples(Map.Entry<Long, StackCpu.Sample>... samples) {
        Map<Long, StackCpu.Sample> byPid = new LinkedHashMap<>();
        for (Map.Entry<Long, StackCpu.Sample> sample : samples) {
            byPid.put(sample.getKey(), sample.getValue());
        }
        return byPid;
    }
}
