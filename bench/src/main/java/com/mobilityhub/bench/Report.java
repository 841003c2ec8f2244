package com.mobilityhub.bench;

import java.util.List;
import java.util.Map;

/** Everything one run measured and checked; written as Markdown and JSON. */
public record Report(String startedAt, String finishedAt, String command, String baseUrl, Machine machine,
                     String loadAverageAtStart, String loadAverageAtEnd, List<Measurement> measurements,
                     List<Comparison> comparisons, Map<String, StackProcesses.Memory> stackMemory,
                     Checks checks) {

    public String verdict() {
        return checks.passed() ? "PASSED" : "FAILED";
    }

    public long stackRssTotalMiB() {
        return stackMemory.values().stream().mapToLong(StackProcesses.Memory::rssMiB).sum();
    }

    public long stackPssTotalMiB() {
        return stackMemory.values().stream().mapToLong(StackProcesses.Memory::pssMiB).sum();
    }
}
