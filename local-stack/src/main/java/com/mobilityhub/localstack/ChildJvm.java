package com.mobilityhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * How an app runs as a child JVM: small heaps and the C1 compiler only (seven JVMs share two cores
 * and a 3 GiB budget), configuration through the standard Spring environment variables and system
 * properties, and (unless disabled) a dynamic class-data-sharing archive per app: about 3x faster
 * starts once it exists. CDS only archives classes loaded by the JDK's own class loaders, so the
 * -exec jar is first extracted ({@code -Djarmode=tools extract}) into a plain jar with a {@code lib/}
 * folder; the first run writes the archive as the JVM exits ({@code -XX:+AutoCreateSharedArchive}).
 */
final class ChildJvm {

    /** Chosen to keep the whole stack under 3 GiB RSS and starting fast on 2 cores. */
    static final List<String> DEFAULT_OPTIONS = List.of(
            "-Xms32m", "-Xmx256m", "-Xss512k",
            "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1",
            "-XX:MaxMetaspaceSize=192m",
            "-XX:ReservedCodeCacheSize=64m",
            "-XX:MaxDirectMemorySize=64m",
            "-XX:+ExitOnOutOfMemoryError");

    private final Options options;
    private final Path java;

    ChildJvm(Options options) {
        this.options = options;
        this.java = Path.of(System.getProperty("java.home"), "bin", "java");
    }

    Path java() {
        return java;
    }

    Path appDir(AppSpec app) {
        return options.dataDir().resolve("apps").resolve(app.name());
    }

    Path log(AppSpec app) {
        return options.dataDir().resolve("logs").resolve(app.name() + ".log");
    }

    /** True when the app runs from its extracted jar but has no CDS archive yet: its JVM writes one on exit. */
    boolean writesCdsArchiveOnExit(AppSpec app, Path jar, Path execJar) {
        return options.cds() && !jar.equals(execJar) && !Files.isRegularFile(cdsArchive(app));
    }

    private Path cdsArchive(AppSpec app) {
        return options.dataDir().resolve("cds").resolve(app.name() + ".jsa");
    }

    /**
     * The jar to run: the extracted copy of {@code execJar} (re-extracted when the jar changed, which
     * also drops the stale CDS archive), or the -exec jar itself without CDS or if extraction fails.
     */
    Path prepare(AppSpec app, Path execJar) {
        if (!options.cds()) {
            return execJar;
        }
        Path dir = appDir(app);
        Path extracted = dir.resolve("jar");
        Path stamp = dir.resolve("jar.stamp");
        Path runnable = extracted.resolve(execJar.getFileName());
        try {
            // The JDK is part of it: a CDS archive only maps into the JVM build that wrote it.
            String fingerprint = execJar + " " + Files.size(execJar) + " " + Files.getLastModifiedTime(execJar).toMillis()
                    + " " + java + " " + Runtime.version();
            if (Files.isRegularFile(runnable) && Files.isRegularFile(stamp) && Files.readString(stamp).equals(fingerprint)) {
                return runnable;
            }
            Files.createDirectories(dir);
            deleteRecursively(extracted);
            Files.deleteIfExists(cdsArchive(app));
            Files.deleteIfExists(stamp);
            Process extract = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC",
                    "-Djarmode=tools", "-jar", execJar.toString(), "extract", "--destination", extracted.toString())
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("extract.log").toFile())
                    .start();
            if (!extract.waitFor(180, TimeUnit.SECONDS) || extract.exitValue() != 0 || !Files.isRegularFile(runnable)) {
                extract.destroyForcibly();
                return execJar;
            }
            Files.writeString(stamp, fingerprint);
            return runnable;
        } catch (IOException e) {
            return execJar;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return execJar;
        }
    }

    /** @param jar what {@link #prepare} returned: the extracted jar gets a CDS archive, the -exec jar cannot */
    List<String> command(AppSpec app, Path jar, Path execJar, PortPlan ports) {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.addAll(DEFAULT_OPTIONS);
        if (options.cds() && !jar.equals(execJar)) {
            // Maps the archive if it is valid, else runs without and writes it when the JVM exits.
            // (Dumping a running app with jcmd VM.cds dynamic_dump crashed it afterwards on JDK 25.0.3.)
            command.add("-XX:SharedArchiveFile=" + cdsArchive(app));
            command.add("-XX:+AutoCreateSharedArchive");
            // Writing the archive warns about every class it cannot keep (proxies, ...): hundreds of log lines.
            command.add("-Xlog:cds*=off");
        }
        command.addAll(options.appJvmOptions());
        systemProperties(app, ports).forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-jar");
        command.add(jar.toString());
        return command;
    }

    /** Properties whose names Spring's relaxed binding of environment variables cannot express exactly. */
    Map<String, String> systemProperties(AppSpec app, PortPlan ports) {
        Map<String, String> properties = new LinkedHashMap<>();
        AppSpec coordinator = AppSpec.named(AppSpec.COORDINATOR).orElseThrow();
        properties.put("camel.lra.coordinator-url", ports.baseUrl(coordinator));
        // The coordinator calls participants back at this URL + /lra-participant/...: the hub serves those
        // endpoints through its REST DSL, under /api/v1 (hub.yml), so its URL must carry that path (a bare
        // base URL made every hub callback a 404: LRAs stuck Cancelling, bookings PENDING for good).
        properties.put("camel.lra.local-participant-url", ports.baseUrl(app) + (app.isHub() ? "/api/v1" : ""));
        properties.put("camel.component.kafka.brokers", ports.kafkaBootstrap());
        if (app.database() != null) {
            // Hikari opens maximum-pool-size connections by default: dozens of idle PostgreSQL backends locally.
            properties.put("spring.datasource.hikari.minimum-idle", "2");
            // Under load a pool grows to its maximum (20 in the apps' config) and keeps the connections for
            // idle-timeout (10 min): ~60 backends of ~30 MiB RSS each (4 MiB their own, the rest shared memory
            // counted again in every one). Locally the two cores, not connections, limit a saga: 5 per app.
            properties.put("spring.datasource.hikari.maximum-pool-size", "5");
            properties.put("spring.datasource.hikari.idle-timeout", "30000");
        }
        if (app.isPaymentGateway()) {
            properties.put("gateway.port", Integer.toString(ports.of(app)));
        }
        if ("billing-service".equals(app.name())) {
            AppSpec gateway = AppSpec.named(AppSpec.PAYMENT_GATEWAY).orElseThrow();
            AppSpec users = AppSpec.named("user-service").orElseThrow();
            properties.put("mobility.billing.gateway.url", ports.baseUrl(gateway));
            properties.put("mobility.billing.user-service.url", ports.baseUrl(users));
        }
        if (app.isHub()) {
            // Bearer tokens minted by `bin/mobility-hub token` (LocalTokens); the key is made at first start.
            properties.put("spring.security.oauth2.resourceserver.jwt.public-key-location",
                    LocalTokens.of(options.dataDir()).publicKey().toUri().toString());
            for (AppSpec service : AppSpec.ALL) {
                if (service.isService()) {
                    properties.put("mobility.services." + service.serviceKey() + ".url", ports.baseUrl(service));
                }
            }
        }
        return properties;
    }

    Map<String, String> environment(AppSpec app, PortPlan ports) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", Integer.toString(ports.of(app)));
        env.put("SPRING_KAFKA_BOOTSTRAP_SERVERS", ports.kafkaBootstrap());
        if (app.database() != null) {
            env.put("SPRING_DATASOURCE_URL", ports.jdbcUrl(app.database()));
            env.put("SPRING_DATASOURCE_USERNAME", "postgres");
            env.put("SPRING_DATASOURCE_PASSWORD", "");
        }
        // The coordinator keeps its Narayana object store in <data>/lra-object-store.
        env.put("MOBILITY_DATA_DIR", options.dataDir().toString());
        if (app.isHub() || app.isService()) {
            // Signs and verifies internal calls and saga callbacks; in the environment, not on the command line.
            env.put(LocalServiceSecret.ENVIRONMENT_VARIABLE, LocalServiceSecret.of(options.dataDir()));
        }
        if (app.isHub()) {
            // Hawtio console logins (viewer, admin): only their hashes, generated at first start (LocalConsoleUsers).
            env.putAll(LocalConsoleUsers.of(options.dataDir()).environment());
        }
        // glibc's per-thread malloc arenas inflate the RSS of JVMs with many threads.
        env.put("MALLOC_ARENA_MAX", "2");
        return env;
    }

    static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
