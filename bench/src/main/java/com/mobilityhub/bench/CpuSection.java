package com.mobilityhub.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The report's "CPU per operation by process" section: one table per concurrency, a row per process,
 * a column per scenario, CPU milliseconds per completed operation in the cells.
 */
final class CpuSection {

    /** Column order: the ceiling first, the booking paths next to it, then the other baselines. */
    private static final List<Measurement.Scenario> COLUMNS = List.of(Measurement.Scenario.COORDINATOR,
            Measurement.Scenario.BOOKING_SUCCESS, Measurement.Scenario.BOOKING_REJECTION,
            Measurement.Scenario.DATABASE, Measurement.Scenario.BROKER);

    private CpuSection() {
    }

    static void render(Report report, StringBuilder md) {
        md.append("\n## CPU per operation by process\n\n");
        List<Measurement> measured = report.measurements().stream().filter(m -> m.cpu().measured()).toList();
        if (measured.isEmpty()) {
            md.append("Not measured.\n");
            return;
        }
        md.append("CPU milliseconds (user + system, `/proc/<pid>/stat`) each process spent per completed operation "
                + "during each level. Every process here shares the machine's ")
                .append(report.machine().cpus()).append(" CPUs. The raw coordinator's total is what a 5-participant "
                + "saga costs this machine at the least (its start, 5 joins and close, and the 5 no-op participant "
                + "calls in the bench). When the machine is CPU-saturated (busy near 100 %), throughput is capacity / "
                + "CPU per operation, so booking success total / coordinator total (the \"x coordinator\" row) bounds "
                + "the throughput ratio the saga can reach. A cell holds all the process did during the level, also "
                + "what it does idle (pollers, JIT, GC): in the coordinator column the other services' rows are "
                + "that background, its saga's own cost is the lra-coordinator and bench rows. Processes that ended "
                + "during a level count only through the parent that waited for them.\n");
        boolean stackSeen = measured.stream().anyMatch(m -> m.cpu().cpuMsByProcess().keySet().stream()
                .anyMatch(process -> !process.equals(StackCpu.BENCH)));
        if (!stackSeen) {
            md.append("\nNo local stack found (run/local-stack.properties): only the bench JVM's own CPU is shown.\n");
        }
        Set<Integer> concurrencies = new TreeSet<>();
        measured.forEach(m -> concurrencies.add(m.clients()));
        for (int clients : concurrencies) {
            table(report, measured, clients, md);
        }
    }

    private static void table(Report report, List<Measurement> measured, int clients, StringBuilder md) {
        List<Measurement> levels = new ArrayList<>();
        for (Measurement.Scenario scenario : COLUMNS) {
            measured.stream().filter(m -> m.scenario() == scenario && m.clients() == clients).findFirst()
                    .ifPresent(levels::add);
        }
        Set<String> processes = new LinkedHashSet<>();
        levels.forEach(level -> processes.addAll(level.cpu().cpuMsByProcess().keySet()));
        // The load generator last, under the stack it drives.
        if (processes.remove(StackCpu.BENCH)) {
            processes.add(StackCpu.BENCH);
        }
        md.append("\n### ").append(clients).append(clients == 1 ? " client" : " clients").append("\n\n");
        md.append("| CPU ms per operation |");
        levels.forEach(level -> md.append(' ').append(label(level)).append(" |"));
        md.append("\n|---|");
        levels.forEach(level -> md.append("---:|"));
        md.append('\n');
        row(md, "operations", levels, level -> Long.toString(level.cpu().operations()));
        row(md, "wall s", levels, level -> String.format(Locale.ROOT, "%.1f", level.cpu().wallSeconds()));
        for (String process : processes) {
            row(md, process, levels, level -> level.cpu().cpuMsByProcess().containsKey(process)
                    ? MarkdownReport.cpuMs(level.cpu().msPerOperation(process)) : "-");
        }
        row(md, "**total**", levels, level -> "**" + MarkdownReport.cpuMs(level.cpu().totalMsPerOperation()) + "**");
        Optional<Measurement> coordinator = levels.stream()
                .filter(level -> level.scenario() == Measurement.Scenario.COORDINATOR).findFirst();
        if (coordinator.isPresent()) {
            double ceiling = coordinator.get().cpu().totalMsPerOperation();
            row(md, "x coordinator", levels, level -> level.scenario().platform
                    ? MarkdownReport.ratio(level.cpu().totalMsPerOperation() / ceiling) : "");
        }
        int cpus = report.machine().cpus();
        row(md, "machine busy %", levels, level -> MarkdownReport.percent(level.cpu().machineBusyPercent(cpus)));
    }

    private static void row(StringBuilder md, String name, List<Measurement> levels,
                            java.util.function.Function<Measurement, String> cell) {
        md.append("| ").append(name).append(" |");
        levels.forEach(level -> md.append(' ').append(cell.apply(level)).append(" |"));
        md.append('\n');
    }

    static String label(Measurement level) {
        String scenario = switch (level.scenario()) {
            case COORDINATOR -> "coordinator";
            case BOOKING_SUCCESS -> "success";
            case BOOKING_REJECTION -> "rejection";
            case DATABASE -> "database";
            case BROKER -> "broker";
        };
        return scenario + " " + level.clients();
    }
}
