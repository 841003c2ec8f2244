package com.mobilityhub.localstack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Resident memory of every process of the stack, read from /proc: VmRSS (what the 3 GiB budget is
 * about; it counts shared pages in every process) and PSS (shared pages divided among their users,
 * the fairer sum for PostgreSQL's backends that share one buffer pool).
 */
final class ProcessMemory {

    record Entry(String name, List<Long> pids, long rssKib, long pssKib) {
    }

    static List<Entry> collect(long launcherPid, Map<String, Long> apps, Path postgresDataDir) {
        List<Entry> entries = new ArrayList<>();
        entries.add(entry("local-stack (launcher, Kafka)", List.of(launcherPid)));
        apps.forEach((name, pid) -> entries.add(entry(name, List.of(pid))));
        List<Long> postgres = postgresPids(postgresDataDir);
        if (!postgres.isEmpty()) {
            entries.add(entry("postgres (" + postgres.size() + " processes)", postgres));
        }
        return entries;
    }

    static String format(List<Entry> entries) {
        StringBuilder text = new StringBuilder();
        text.append(String.format("  %-34s %-14s %10s %10s%n", "process", "pid", "RSS MiB", "PSS MiB"));
        long rss = 0;
        long pss = 0;
        for (Entry entry : entries) {
            String pid = entry.pids().size() == 1 ? entry.pids().getFirst().toString() : entry.pids().getFirst() + "+";
            text.append(String.format("  %-34s %-14s %10s %10s%n", entry.name(), pid, mib(entry.rssKib()), mib(entry.pssKib())));
            rss += Math.max(0, entry.rssKib());
            pss += Math.max(0, entry.pssKib());
        }
        text.append(String.format("  %-34s %-14s %10s %10s%n", "total", "", mib(rss), mib(pss)));
        return text.toString();
    }

    static long totalRssKib(List<Entry> entries) {
        return entries.stream().mapToLong(e -> Math.max(0, e.rssKib())).sum();
    }

    /** The postmaster (from its postmaster.pid) and every backend under it. */
    static List<Long> postgresPids(Path dataDir) {
        Path pidFile = dataDir.resolve("postmaster.pid");
        try {
            if (!Files.isRegularFile(pidFile)) {
                return List.of();
            }
            long postmaster = Long.parseLong(Files.readAllLines(pidFile).getFirst().trim());
            return ProcessHandle.of(postmaster).filter(ProcessHandle::isAlive)
                    .map(handle -> Stream.concat(Stream.of(handle), handle.descendants()).map(ProcessHandle::pid).toList())
                    .orElse(List.of());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    static OptionalLong rssKib(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "status"), "VmRSS:");
    }

    static OptionalLong pssKib(long pid) {
        return field(Path.of("/proc", Long.toString(pid), "smaps_rollup"), "Pss:");
    }

    private static Entry entry(String name, List<Long> pids) {
        long rss = 0;
        long pss = 0;
        boolean any = false;
        for (long pid : pids) {
            OptionalLong r = rssKib(pid);
            if (r.isPresent()) {
                any = true;
                rss += r.getAsLong();
                pss += pssKib(pid).orElse(0);
            }
        }
        return new Entry(name, pids, any ? rss : -1, any ? pss : -1);
    }

    private static OptionalLong field(Path file, String prefix) {
        try (Stream<String> lines = Files.lines(file)) {
            return lines.filter(line -> line.startsWith(prefix)).findFirst()
                    .map(line -> OptionalLong.of(Long.parseLong(line.substring(prefix.length()).replace("kB", "").trim())))
                    .orElse(OptionalLong.empty());
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }

    private static String mib(long kib) {
        return kib < 0 ? "-" : String.format("%.0f", kib / 1024.0);
    }

    private ProcessMemory() {
    }
}
