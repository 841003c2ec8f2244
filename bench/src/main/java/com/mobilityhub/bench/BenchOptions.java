package com.mobilityhub.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the stack is and how long to load it. Defaults: the local stack ({@code bin/mobility-hub up});
 * {@code --quick} shortens every level (about 2 minutes in all instead of under 10).
 */
public record BenchOptions(String baseUrl, String kafka, String postgresHost, int postgresPort, String postgresUser,
                           String postgresPassword, String coordinatorUrl, Optional<String> token, Path dataDir,
                           Path reportDir, boolean quick, List<Integer> concurrencies,
                           Duration sagaLevel, Duration baselineLevel, List<String> skip) {

    public static final String USAGE = """
            usage: bench [--base-url URL] [--quick] [--token TOKEN] [--kafka HOST:PORT] [--postgres HOST:PORT]
                         [--postgres-user USER] [--coordinator URL] [--data-dir DIR] [--report-dir DIR]
                         [--clients 1,8,32] [--skip booking,coordinator,database,broker]
              --token defaults to $MOBILITY_HUB_TOKEN (sent as Authorization: Bearer to the hub)
              --data-dir: the local stack's data directory, to read its processes' memory
                          (default $MOBILITY_DATA_DIR or ./.local-stack)""";

    /** Bookings per client at most in one level: each successful booking uses up one vehicle. */
    public int bookingsPerClient() {
        return quick ? 40 : 80;
    }

    /** Saga levels get at most this many bookings in all (vehicles to provision). */
    public int maxBookingsPerLevel(int clients) {
        return Math.min(clients * bookingsPerClient(), quick ? 400 : 1200);
    }

    public static BenchOptions parse(String[] args, Map<String, String> env) {
        String baseUrl = "http://127.0.0.1:8080";
        String kafka = "127.0.0.1:19092";
        String postgres = "127.0.0.1:15432";
        String postgresUser = "postgres";
        String coordinator = "http://127.0.0.1:8090/lra-coordinator";
        String token = env.get("MOBILITY_HUB_TOKEN");
        Path dataDir = Path.of(env.getOrDefault("MOBILITY_DATA_DIR", ".local-stack"));
        Path reportDir = Path.of("bench/reports");
        boolean quick = false;
        List<Integer> clients = List.of(1, 8, 32);
        List<String> skip = List.of();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--base-url" -> baseUrl = value(args, ++i, arg);
                case "--kafka" -> kafka = value(args, ++i, arg);
                case "--postgres" -> postgres = value(args, ++i, arg);
                case "--postgres-user" -> postgresUser = value(args, ++i, arg);
                case "--coordinator" -> coordinator = value(args, ++i, arg);
                case "--token" -> token = value(args, ++i, arg);
                case "--data-dir" -> dataDir = Path.of(value(args, ++i, arg));
                case "--report-dir" -> reportDir = Path.of(value(args, ++i, arg));
                case "--quick" -> quick = true;
                case "--clients" -> clients = integers(value(args, ++i, arg));
                case "--skip" -> skip = List.of(value(args, ++i, arg).split(","));
                case "--help", "-h" -> throw new IllegalArgumentException(USAGE);
                default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
            }
        }
        int colon = postgres.lastIndexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("--postgres wants HOST:PORT, not " + postgres);
        }
        return new BenchOptions(HubApi.stripSlash(baseUrl), kafka, postgres.substring(0, colon),
                Integer.parseInt(postgres.substring(colon + 1)), postgresUser, env.getOrDefault("PGPASSWORD", ""),
                HubApi.stripSlash(coordinator), Optional.ofNullable(token).filter(t -> !t.isBlank()), dataDir,
                reportDir, quick, clients, quick ? Duration.ofSeconds(10) : Duration.ofSeconds(30),
                quick ? Duration.ofSeconds(3) : Duration.ofSeconds(8), skip);
    }

    /** The saga level of {@code clients}: one client needs less time to show its latency. */
    public Duration sagaLevel(int clients) {
        return clients == 1 ? sagaLevel.dividedBy(2) : sagaLevel;
    }

    public boolean runs(String part) {
        return !skip.contains(part);
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static List<Integer> integers(String csv) {
        List<Integer> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            int value = Integer.parseInt(part.trim());
            if (value < 1) {
                throw new IllegalArgumentException("--clients wants positive integers, not " + csv);
            }
            values.add(value);
        }
        return List.copyOf(values);
    }
}
