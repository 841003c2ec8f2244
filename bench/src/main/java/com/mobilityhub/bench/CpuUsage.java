package com.mobilityhub.bench;

import java.util.Map;

/**
 * CPU time each process spent during one measured level, and what it cost per operation.
 *
 * @param wallSeconds    how long the level ran
 * @param operations     operations that ended as expected (the ones the throughput counts)
 * @param cpuMsByProcess user + system CPU milliseconds per process (or group) during the level, in the
 *                       order the report lists them
 */
public record CpuUsage(double wallSeconds, long operations, Map<String, Long> cpuMsByProcess) {

    /** For measurements made without CPU accounting (and for tests that do not care). */
    public static final CpuUsage NOT_MEASURED = new CpuUsage(0, 0, Map.of());

    public boolean measured() {
        return !cpuMsByProcess.isEmpty();
    }

    /** CPU milliseconds {@code process} spent per operation; NaN without operations or process. */
    public double msPerOperation(String process) {
        Long ms = cpuMsByProcess.get(process);
        return ms == null ? Double.NaN : perOperation(ms);
    }

    public long totalCpuMs() {
        return cpuMsByProcess.values().stream().mapToLong(Long::longValue).sum();
    }

    /** What one operation cost the whole machine in CPU milliseconds, as far as the bench can see. */
    public double totalMsPerOperation() {
        return perOperation(totalCpuMs());
    }

    /** Share of the machine's CPU capacity the counted processes used during the level, in percent. */
    public double machineBusyPercent(int cpus) {
        if (wallSeconds <= 0 || cpus <= 0) {
            return Double.NaN;
        }
        return 100.0 * totalCpuMs() / (wallSeconds * 1000.0 * cpus);
    }

    private double perOperation(long ms) {
        return operations > 0 ? (double) ms / operations : Double.NaN;
    }
}
