package com.mobilityhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Memory of the local stack ({@link StackPids}): VmRSS from {@code /proc/<pid>/status} and PSS from
 * {@code /proc/<pid>/smaps_rollup} (PSS shares shared memory out instead of counting it in every
 * PostgreSQL backend).
 */
public final class StackProcesses {

    /** RSS and PSS of one process, or of a group of processes, in MiB. */
    public record Memory(long rssMiB, long pssMiB) {
    }

    /** Memory per process name; empty when no local stack runs on {@code dataDir}. */
    public static Map<String, Memory> of(Path dataDir) {
        StackPids stack = StackPids.find(dataDir);
        Map<String, Memory> rss = new LinkedHashMap<>();
        stack.named().forEach((pid, name) -> kib(pid, "/status", "VmRSS:").ifPresent(kib -> rss.put(name,
                new Memory(kib / 1024, kib(pid, "/smaps_rollup", "Pss:").orElse(0L) / 1024))));
        long rssKiB = 0;
        long pssKiB = 0;
        int count = 0;
        for (long pid : stack.others()) {
            long one = kib(pid, "/status", "VmRSS:").orElse(0L);
            rssKiB += one;
            pssKiB += kib(pid, "/smaps_rollup", "Pss:").orElse(0L);
            count += one > 0 ? 1 : 0;
        }
        if (count > 0) {
            rss.put("PostgreSQL and other children (" + count + " processes)", new Memory(rssKiB / 1024, pssKiB / 1024));
        }
        return rss;
    }

    /** A "Key:   123 kB" line of a /proc file of {@code pid}. */
    static Optional<Long> kib(long pid, String file, String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + file))) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private StackProcesses() {
    }
}
