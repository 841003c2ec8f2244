package com.mobilityhub.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The few fields of {@code /proc/<pid>/stat} the bench needs, in clock ticks.
 *
 * @param ppid          field 4: the parent
 * @param ownTicks      fields 14 + 15: user + system CPU of the process itself
 * @param reapedTicks   fields 16 + 17: user + system CPU of its children it has waited for (how a
 *                      PostgreSQL backend that ended keeps showing up: in its postmaster's counters)
 * @param startTicks    field 22: when it started, in clock ticks since boot
 */
public record ProcStat(long ppid, long ownTicks, long reapedTicks, long startTicks) {

    /**
     * Parses one stat line. The command name (field 2) is in parentheses and may itself hold spaces and
     * parentheses, so the fields are counted after the LAST ')': field 3 (state) is the first one there.
     */
    public static ProcStat parse(String line) {
        String[] after = line.substring(line.lastIndexOf(')') + 2).trim().split(" ");
        return new ProcStat(Long.parseLong(after[field(4)]),
                Long.parseLong(after[field(14)]) + Long.parseLong(after[field(15)]),
                Long.parseLong(after[field(16)]) + Long.parseLong(after[field(17)]),
                Long.parseLong(after[field(22)]));
    }

    /** The stat of {@code pid}; empty when it has ended (or cannot be read). */
    public static Optional<ProcStat> read(long pid) {
        try {
            return Optional.of(parse(Files.readString(Path.of("/proc/" + pid + "/stat"))));
        } catch (IOException | RuntimeException gone) {
            return Optional.empty();
        }
    }

    /** Index after the last ')' of the 1-based field number {@code man 5 proc} uses. */
    private static int field(int number) {
        return number - 3;
    }
}
