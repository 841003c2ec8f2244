package com.mobilityhub.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CPU time per process of the local stack ({@link StackPids}) and of the bench JVM itself during one
 * measured level, from {@code /proc/<pid>/stat} snapshots at its start and end. Every process on the
 * machine shares its few cores, so this says where the CPU of one saga goes.
 */
public final class StackCpu {

    public static final String BENCH = "bench (load generator, no-op participants)";
    public static final String OTHERS = "PostgreSQL and other children";

    /**
     * /proc counts CPU in clock ticks. USER_HZ is 100 on every Linux we run on; {@code getconf CLK_TCK}
     * confirms it once, and 100 stands when getconf is missing.
     */
    static final long TICKS_PER_SECOND = clockTicksPerSecond();

    private final Path dataDir;
    private final long benchPid = ProcessHandle.current().pid();

    public StackCpu(Path dataDir) {
        this.dataDir = dataDir;
    }

    /** One process's stat and the row of the report it counts in. */
    record Sample(String process, ProcStat stat) {
    }

    /** Snapshots the CPU counters now; {@link Level#stop} gives what the level used. */
    public Level start() {
        // Taken before the processes are listed: whatever started after this is new to the level.
        long levelStartTicks = ticksSinceBoot();
        Map<Long, Sample> samples = stackSamples();
        // The bench JVM last at the start and first at the end: listing /proc costs it a little CPU
        // that belongs to no level.
        sampleInto(samples, benchPid, BENCH);
        return new Level(samples, levelStartTicks, System.nanoTime());
    }

    /** A level under way. */
    public final class Level {
        private final Map<Long, Sample> atStart;
        private final long startTicks;
        private final long startNanos;

        private Level(Map<Long, Sample> atStart, long startTicks, long startNanos) {
            this.atStart = atStart;
            this.startTicks = startTicks;
            this.startNanos = startNanos;
        }

        /** CPU per process since {@link #start()}, for {@code operations} completed operations. */
        public CpuUsage stop(long operations) {
            double wallSeconds = (System.nanoTime() - startNanos) / 1e9;
            Map<Long, Sample> atEnd = new LinkedHashMap<>();
            sampleInto(atEnd, benchPid, BENCH);
            Map<Long, Sample> stack = stackSamples();
            // The report lists the stack first, the bench last.
            Map<Long, Sample> ordered = new LinkedHashMap<>(stack);
            ordered.putAll(atEnd);
            Map<String, Long> cpuMs = new LinkedHashMap<>();
            ticksByProcess(atStart, ordered, startTicks).forEach((process, ticks) ->
                    cpuMs.put(process, ticks * 1000 / TICKS_PER_SECOND));
            return new CpuUsage(wallSeconds, operations, cpuMs);
        }
    }

    /**
     * CPU ticks per process between two snapshots. Processes come and go (PostgreSQL backends,
     * autovacuum workers), so per pid:
     * <ul>
     * <li>in both snapshots (same start time, so not a reused pid): the difference;</li>
     * <li>only at the end and started after the level began: all it used;</li>
     * <li>only at the end but older than the level: ignored (missed at the start, its share unknown);</li>
     * <li>only at the start (ended during the level): once its parent waited for it, the kernel added
     * its whole life to the parent's reaped counters, which the difference above counts; what it had
     * used before the level (its start snapshot) is taken back from the parent's row. Ended processes
     * whose parent is not tracked are lost, which makes the figures a floor, never an overcount.</li>
     * </ul>
     */
    static Map<String, Long> ticksByProcess(Map<Long, Sample> start, Map<Long, Sample> end, long levelStartTicks) {
        Map<String, Long> ticks = new LinkedHashMap<>();
        for (Map.Entry<Long, Sample> seen : end.entrySet()) {
            Sample last = seen.getValue();
            Sample first = start.get(seen.getKey());
            ticks.putIfAbsent(last.process(), 0L);
            if (sameProcess(first, last)) {
                ticks.merge(last.process(), (last.stat().ownTicks() - first.stat().ownTicks())
                        + (last.stat().reapedTicks() - first.stat().reapedTicks()), Long::sum);
            } else if (last.stat().startTicks() >= levelStartTicks) {
                ticks.merge(last.process(), last.stat().ownTicks() + last.stat().reapedTicks(), Long::sum);
            }
        }
        Map<Long, Long> beforeLevelOfEndedChildren = new HashMap<>();
        start.forEach((pid, first) -> {
            if (!sameProcess(first, end.get(pid))) {
                long parent = first.stat().ppid();
                if (sameProcess(start.get(parent), end.get(parent))) {
                    beforeLevelOfEndedChildren.merge(parent, first.stat().ownTicks() + first.stat().reapedTicks(),
                            Long::sum);
                }
            }
        });
        beforeLevelOfEndedChildren.forEach((parent, before) -> {
            Sample first = start.get(parent);
            Sample last = end.get(parent);
            // Never take back more than the parent actually reaped (a parent may not have waited yet).
            long reaped = last.stat().reapedTicks() - first.stat().reapedTicks();
            ticks.merge(last.process(), -Math.min(before, reaped), Long::sum);
        });
        return ticks;
    }

    private static boolean sameProcess(Sample first, Sample last) {
        return first != null && last != null && first.stat().startTicks() == last.stat().startTicks();
    }

    private Map<Long, Sample> stackSamples() {
        StackPids stack = StackPids.find(dataDir);
        Map<Long, Sample> samples = new LinkedHashMap<>();
        stack.named().forEach((pid, name) -> sampleInto(samples, pid, name));
        stack.others().forEach(pid -> sampleInto(samples, pid, OTHERS));
        return samples;
    }

    private static void sampleInto(Map<Long, Sample> samples, long pid, String process) {
        ProcStat.read(pid).ifPresent(stat -> samples.put(pid, new Sample(process, stat)));
    }

    /** Now, in the clock ticks since boot that /proc/<pid>/stat's start time uses. */
    private static long ticksSinceBoot() {
        try {
            String uptime = Files.readString(Path.of("/proc/uptime")).trim().split("\\s+")[0];
            return (long) (Double.parseDouble(uptime) * TICKS_PER_SECOND);
        } catch (IOException | RuntimeException e) {
            // Unknown: then no process counts as new to the level, which can only undercount.
            return Long.MAX_VALUE;
        }
    }

    private static long clockTicksPerSecond() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String answer = new String(getconf.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (getconf.waitFor(5, TimeUnit.SECONDS) && getconf.exitValue() == 0) {
                long ticks = Long.parseLong(answer);
                if (ticks > 0) {
                    return ticks;
                }
            }
        } catch (IOException | RuntimeException e) {
            // no getconf: fall through to Linux's USER_HZ
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 100;
    }
}
