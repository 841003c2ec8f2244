package com.mobilityhub.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The launcher's command line. Every default is local and documented in local-stack/README.md. */
record Options(
        String command,
        Path repo,
        Path dataDir,
        PortPlan ports,
        List<AppSpec> apps,
        boolean demoData,
        boolean memoryReport,
        Duration readinessTimeout,
        boolean cds,
        List<String> appJvmOptions) {

    static final String USAGE = """
            usage: LocalStack <up|status|down> [options]
              --repo DIR             repository root (default: derived from the launcher jar's location)
              --data-dir DIR         data directory (default: $MOBILITY_DATA_DIR or <repo>/.local-stack)
              --port-offset N        add N to every port (apps, PostgreSQL, Kafka)
              --port NAME=PORT       set one port; NAME is an app, postgres or kafka (repeatable)
              --only APP[,APP...]    start only these apps ("available": those whose jars exist)
              --no-demo-data         do not load demo users and vehicles on first start
              --memory-report        print every process's memory once the stack is up
              --timeout SECONDS      readiness timeout per app (default 300)
              --no-cds               no jar extraction nor class-data sharing archives for the apps
              --app-jvm-opts "..."   extra JVM options for every app (appended to the defaults)
            """;

    static Options parse(String[] args, Map<String, String> env, Path defaultRepo) {
        String command = "up";
        Path repo = null;
        Path dataDir = null;
        int offset = 0;
        Map<String, Integer> overrides = new LinkedHashMap<>();
        String only = null;
        boolean demoData = true;
        boolean memoryReport = false;
        Duration timeout = Duration.ofSeconds(300);
        boolean cds = true;
        List<String> jvmOptions = new ArrayList<>();
        List<String> rest = new ArrayList<>(List.of(args));
        if (!rest.isEmpty() && !rest.getFirst().startsWith("-")) {
            command = rest.removeFirst();
        }
        for (int i = 0; i < rest.size(); i++) {
            String arg = rest.get(i);
            String name = arg.startsWith("--") && arg.contains("=") ? arg.substring(0, arg.indexOf('=')) : arg;
            String inline = name.equals(arg) ? null : arg.substring(arg.indexOf('=') + 1);
            switch (name) {
                case "--repo" -> repo = Path.of(inline != null ? inline : value(rest, ++i, arg));
                case "--data-dir" -> dataDir = Path.of(inline != null ? inline : value(rest, ++i, arg));
                case "--port-offset" -> offset = integer(inline != null ? inline : value(rest, ++i, arg), arg);
                case "--port" -> {
                    String spec = inline != null ? inline : value(rest, ++i, arg);
                    int eq = spec.indexOf('=');
                    if (eq <= 0) {
                        throw new IllegalArgumentException("--port expects NAME=PORT, got " + spec);
                    }
                    overrides.put(spec.substring(0, eq), integer(spec.substring(eq + 1), arg));
                }
                case "--only" -> only = inline != null ? inline : value(rest, ++i, arg);
                case "--no-demo-data" -> demoData = false;
                case "--memory-report" -> memoryReport = true;
                case "--timeout" -> timeout = Duration.ofSeconds(integer(inline != null ? inline : value(rest, ++i, arg), arg));
                case "--no-cds" -> cds = false;
                case "--app-jvm-opts" -> jvmOptions.addAll(split(inline != null ? inline : value(rest, ++i, arg)));
                case "-h", "--help" -> command = "help";
                default -> throw new IllegalArgumentException("Unknown option " + arg);
            }
        }
        if (!Set.of("up", "status", "down", "help").contains(command)) {
            throw new IllegalArgumentException("Unknown command " + command);
        }
        if (repo == null) {
            repo = defaultRepo;
        }
        repo = repo.toAbsolutePath().normalize();
        if (dataDir == null) {
            String fromEnv = env.get("MOBILITY_DATA_DIR");
            dataDir = fromEnv != null && !fromEnv.isBlank() ? Path.of(fromEnv) : repo.resolve(".local-stack");
        }
        dataDir = dataDir.toAbsolutePath().normalize();
        jvmOptions.addAll(0, split(env.getOrDefault("MOBILITY_APP_JVM_OPTS", "")));
        return new Options(command, repo, dataDir, PortPlan.of(offset, overrides), selectApps(only, repo), demoData,
                memoryReport, timeout, cds, List.copyOf(jvmOptions));
    }

    /** The app subset; "available" means every app whose -exec jar is on disk. */
    private static List<AppSpec> selectApps(String only, Path repo) {
        if (only == null || only.isBlank()) {
            return AppSpec.ALL;
        }
        if (only.equals("available")) {
            String version = Versions.appVersion();
            return AppSpec.ALL.stream().filter(app -> java.nio.file.Files.isRegularFile(app.execJar(repo, version))).toList();
        }
        Set<String> wanted = new LinkedHashSet<>();
        for (String name : only.split(",")) {
            String trimmed = name.trim();
            if (!trimmed.isEmpty()) {
                wanted.add(AppSpec.named(trimmed)
                        .orElseThrow(() -> new IllegalArgumentException("Unknown app '" + trimmed + "'; apps: "
                                + AppSpec.ALL.stream().map(AppSpec::name).toList()))
                        .name());
            }
        }
        return AppSpec.ALL.stream().filter(app -> wanted.contains(app.name())).toList();
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    private static int integer(String value, String option) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + " expects a number, got " + value);
        }
    }

    private static List<String> split(String options) {
        return options.isBlank() ? List.of() : List.of(options.trim().split("\\s+"));
    }
}
