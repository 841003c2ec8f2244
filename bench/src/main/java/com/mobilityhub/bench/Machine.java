package com.mobilityhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run happened on: what makes its figures comparable (or not) with another run's. */
public record Machine(int cpus, long memoryMiB, long availableMiB, String loadAverage, String jdk, String os) {

    public static Machine now() {
        return new Machine(Runtime.getRuntime().availableProcessors(), meminfoMiB("MemTotal:"),
                meminfoMiB("MemAvailable:"), loadNow(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
    }

    /** 1, 5 and 15 minute load averages as /proc/loadavg gives them. */
    public static String loadNow() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static long meminfoMiB(String key) {
        try (var lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith(key)).findFirst()
                    .map(l -> Long.parseLong(l.replaceAll("[^0-9]", "")) / 1024).orElse(0L);
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }
}
