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
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The processes of the local stack: the launcher (Kafka) and every app it started, named by the
 * launcher's {@code run/local-stack.properties}, plus everything else under the launcher and
 * PostgreSQL's processes (unnamed). Shared by the memory and the CPU accounting.
 *
 * @param named  pid to process name, in a stable order (launcher first, then the apps by name)
 * @param others the unnamed rest: PostgreSQL's postmaster and backends, any other child
 */
public record StackPids(Map<Long, String> named, Set<Long> others) {

    public static final String LAUNCHER = "launcher (Kafka)";

    /** What {@link #find} answers when no local stack runs on the data directory. */
    public static StackPids none() {
        return new StackPids(Map.of(), Set.of());
    }

    /** The stack running on {@code dataDir} right now; {@link #none()} when there is none. */
    public static StackPids find(Path dataDir) {
        Path state = dataDir.resolve("run/local-stack.properties");
        if (!Files.isReadable(state)) {
            return none();
        }
        Properties pids = new Properties();
        try (Reader reader = Files.newBufferedReader(state)) {
            pids.load(reader);
        } catch (IOException e) {
            return none();
        }
        Map<Long, String> named = new LinkedHashMap<>();
        pids.stringPropertyNames().stream().filter(k -> k.endsWith(".pid")).sorted(
                (a, b) -> a.equals("launcher.pid") ? -1 : b.equals("launcher.pid") ? 1 : a.compareTo(b)).forEach(key -> {
            String name = key.equals("launcher.pid") ? LAUNCHER
                    : key.substring("app.".length(), key.length() - ".pid".length());
            named.put(Long.parseLong(pids.getProperty(key).trim()), name);
        });
        Long launcher = named.entrySet().stream().filter(e -> e.getValue().equals(LAUNCHER))
                .map(Map.Entry::getKey).findFirst().orElse(null);
        Map<Long, List<Long>> children = childrenByParent();
        Set<Long> others = new TreeSet<>();
        if (launcher != null) {
            others.addAll(descendants(launcher, children));
        }
        // PostgreSQL daemonizes (its postmaster is re-parented to init): find it by its data directory.
        String postgresData = "-D " + dataDir.toAbsolutePath().normalize().resolve("postgres");
        for (long postmaster : pidsWhoseCommandContains(postgresData)) {
            others.add(postmaster);
            others.addAll(descendants(postmaster, children));
        }
        others.removeAll(named.keySet());
        others.remove(ProcessHandle.current().pid());
        return new StackPids(named, others);
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

    private static Map<Long, List<Long>> childrenByParent() {
        Map<Long, List<Long>> children = new HashMap<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            procs.filter(p -> p.getFileName().toString().matches("\\d+")).forEach(p -> {
                long pid = Long.parseLong(p.getFileName().toString());
                ProcStat.read(pid).ifPresent(stat ->
                        children.computeIfAbsent(stat.ppid(), k -> new ArrayList<>()).add(pid));
            });
        } catch (IOException e) {
            return Map.of();
        }
        return children;
    }

    private static List<Long> descendants(long root, Map<Long, List<Long>> children) {
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
}
