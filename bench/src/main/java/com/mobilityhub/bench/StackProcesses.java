package com.mobilityhub.bench;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

/**
 * Memory of the local stack: the launcher (Kafka) and every app it started, named by the
 * launcher's {@code run/local-stack.properties}, plus everything else under the launcher
 * (PostgreSQL's processes): VmRSS from {@code /proc/<pid>/status} and PSS from
 * {@code /proc/<pid>/smaps_rollup} (PSS shares shared memory out instead of counting it in every
 * PostgreSQL backend).
 */
public final class StackProcesses {

    /** RSS and PSS of one process, or of a group of processes, in MiB. */
    public record Memory(long rssMiB, long pssMiB) {
    }

    /** Memory per process name; empty when no local stack runs on {@code dataDir}. */
    public static Map<String, Memory> of(Path dataDir) {
        Path state = dataDir.resolve("run/local-stack.properties");
        Map<String, Memory> rss = new LinkedHashMap<>();
        if (!Files.isReadable(state)) {
            return rss;
        }
        Properties pids = new Properties();
        try (Reader reader = Files.newBufferedReader(state)) {
            pids.load(reader);
        } catch (IOException e) {
            return rss;
        }
        Map<Long, String> named = new HashMap<>();
        pids.stringPropertyNames().stream().filter(k -> k.endsWith(".pid")).sorted().forEach(key -> {
            String name = key.equals("launcher.pid") ? "launcher (Kafka)"
                    : key.substring("app.".length(), key.length() - ".pid".length());
            named.put(Long.parseLong(pids.getProperty(key).trim()), name);
        });
        Long launcher = named.entrySet().stream().filter(e -> e.getValue().startsWith("launcher"))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        named.forEach((pid, name) -> kib(pid, "/status", "VmRSS:").ifPresent(kib -> rss.put(name,
                new Memory(kib / 1024, kib(pid, "/smaps_rollup", "Pss:").orElse(0L) / 1024))));
        // PostgreSQL daemonizes (its postmaster is re-parented to init): find it by its data directory.
        java.util.Set<Long> others = new java.util.TreeSet<>();
        if (launcher != null) {
            others.addAll(descendants(launcher));
        }
        String postgresData = "-D " + dataDir.toAbsolutePath().normalize().resolve("postgres");
        for (long postmaster : pidsWhoseCommandContains(postgresData)) {
            others.add(postmaster);
            others.addAll(descendants(postmaster));
        }
        others.removeAll(named.keySet());
        long rssKiB = 0;
        long pssKiB = 0;
        int count = 0;
        for (long pid : others) {
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
    static java.util.Optional<Long> kib(long pid, String file, String key) {
        try (Stream<String> lines = Files.lines(Path.of("/proc/" + pid + file))) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")));
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty();
        }
    }

    private static List<Long> pidsWhoseCommandContains(String fragment) {
        List<Long> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String command = new String(Files.readAllBytes(p.resolve("cmdline"))).replace('\0', ' ');
                    if (command.contains(fragment)) {
                        found.add(Long.parseLong(p.getFileName().toString()));
                    }
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        return found;
    }

    private static List<Long> descendants(long root) {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                try {
                    String stat = Files.readString(p.resolve("stat"));
                    // pid (comm) state ppid ...: comm may hold spaces, so read after the last ')'.
                    String[] after = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    children.computeIfAbsent(Long.parseLong(after[1]), k -> new ArrayList<>())
                            .add(Long.parseLong(p.getFileName().toString()));
                } catch (IOException | RuntimeException gone) {
                    // the process ended meanwhile
                }
            });
        } catch (IOException e) {
            return List.of();
        }
        List<Long> all = new ArrayList<>();
        List<Long> todo = new ArrayList<>(List.of(root));
        while (!todo.isEmpty()) {
            long pid = todo.removeLast();
            for (long child : children.getOrDefault(pid, List.of())) {
                all.add(child);
                todo.add(child);
            }
        }
        return all;
    }

    private StackProcesses() {
    }
}
