package com.mobilityhub.bench;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CpuUsageTest {

    @Test
    void dividesEachProcessesCpuByTheCompletedOperations() {
        Map<String, Long> cpuMs = new LinkedHashMap<>();
        cpuMs.put("lra-coordinator", 3_000L);
        cpuMs.put(StackCpu.BENCH, 1_000L);
        CpuUsage usage = new CpuUsage(4.0, 100, cpuMs);

        assertThat(usage.msPerOperation("lra-coordinator")).isEqualTo(30.0);
        assertThat(usage.msPerOperation(StackCpu.BENCH)).isEqualTo(10.0);
        assertThat(usage.totalCpuMs()).isEqualTo(4_000);
        assertThat(usage.totalMsPerOperation()).isEqualTo(40.0);
    }

    @Test
    void machineBusyIsTotalCpuOverWallTimesCpus() {
        CpuUsage usage = new CpuUsage(4.0, 100, Map.of("hub", 6_000L));

        assertThat(usage.machineBusyPercent(2)).isEqualTo(75.0);
    }

    @Test
    void withoutOperationsOrWallTimeThereIsNoFigure() {
        CpuUsage noOperations = new CpuUsage(4.0, 0, Map.of("hub", 6_000L));

        assertThat(noOperations.totalMsPerOperation()).isNaN();
        assertThat(noOperations.msPerOperation("not there")).isNaN();
        assertThat(CpuUsage.NOT_MEASURED.measured()).isFalse();
        assertThat(CpuUsage.NOT_MEASURED.machineBusyPercent(2)).isNaN();
    }
}
