package com.mobilityhub.localstack;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running launcher has started, written to {@code <data>/run/local-stack.properties} so that
 * {@code status} and {@code down} (another process) can find the launcher and its children. Deleted
 * on a clean stop; a file whose launcher is gone means the last run was killed.
 */
record RunState(long launcherPid, Map<String, Long> appPids, Map<String, Integer> ports) {

    static Path file(Path dataDir) {
        return dataDir.resolve("run").resolve("local-stack.properties");
    }

    static Optional<RunState> read(Path dataDir) {
        Path file = file(dataDir);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        Map<String, Long> pids = new LinkedHashMap<>();
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            String value = properties.getProperty(key).trim();
            if (key.startsWith("app.") && key.endsWith(".pid")) {
                pids.put(key.substring(4, key.length() - 4), Long.parseLong(value));
            } else if (key.startsWith("port.")) {
                ports.put(key.substring(5), Integer.parseInt(value));
            }
        }
        Map<String, Long> inStartOrder = new LinkedHashMap<>();
        AppSpec.ALL.forEach(app -> {
            if (pids.containsKey(app.name())) {
                inStartOrder.put(app.name(), pids.get(app.name()));
            }
        });
        return Optional.of(new RunState(Long.parseLong(properties.getProperty("launcher.pid", "-1").trim()), inStartOrder, ports));
    }

    void write(Path dataDir) {
        Properties properties = new Properties();
        properties.setProperty("launcher.pid", Long.toString(launcherPid));
        appPids.forEach((app, pid) -> properties.setProperty("app." + app + ".pid", Long.toString(pid)));
        ports.forEach((name, port) -> properties.setProperty("port." + name, Integer.toString(port)));
        Path file = file(dataDir);
        try {
            Files.createDirectories(file.getParent());
            Path temp = file.resolveSibling(file.getFileName() + ".tmp");
            try (Writer writer = Files.newBufferedWriter(temp)) {
                properties.store(writer, "written by the running local-stack launcher; deleted when it stops");
            }
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void delete(Path dataDir) {
        try {
            Files.deleteIfExists(file(dataDir));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The launcher of this state, if that process still runs and is a java process. */
    Optional<ProcessHandle> liveLauncher() {
        return ProcessHandle.of(launcherPid).filter(ProcessHandle::isAlive)
                .filter(handle -> handle.info().command().map(c -> c.endsWith("java")).orElse(true));
    }
}
