package com.mobilityhub.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One Kafka broker and one PostgreSQL server per JVM, started on first use on free ports with
 * throw-away directories, and stopped when the JVM ends. Test classes (and Spring's cached test
 * contexts) all share them; nothing is started per class.
 */
public final class SharedInfrastructure {

    private static SharedInfrastructure instance;

    private final LocalKafkaBroker kafka;
    private final LocalPostgres postgres;

    private SharedInfrastructure(Path root) {
        this.kafka = new LocalKafkaBroker(root.resolve("kafka"), Ports.free(), 3);
        this.postgres = new LocalPostgres(root.resolve("postgres"), Ports.free());
    }

    /** The JVM's infrastructure, started if it is not yet. */
    public static synchronized SharedInfrastructure get() {
        if (instance == null) {
            SharedInfrastructure started = new SharedInfrastructure(tempRoot());
            started.postgres.start();
            started.kafka.start();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.kafka.stop();
                started.postgres.stop();
            }, "shared-infrastructure-stop"));
            instance = started;
        }
        return instance;
    }

    public LocalKafkaBroker kafka() {
        return kafka;
    }

    public LocalPostgres postgres() {
        return postgres;
    }

    /**
     * Publishes the infrastructure as the standard Spring properties, so any Spring Boot app
     * started in this JVM finds it; {@code database} (created if missing) becomes its datasource.
     */
    public void exposeAsSpringProperties(String database) {
        System.setProperty("spring.kafka.bootstrap-servers", kafka.bootstrapServers());
        if (database != null && !database.isBlank()) {
            postgres.createDatabase(database);
            System.setProperty("spring.datasource.url", postgres.jdbcUrl(database));
            System.setProperty("spring.datasource.username", LocalPostgres.USER);
            System.setProperty("spring.datasource.password", "");
        }
    }

    private static Path tempRoot() {
        try {
            return Files.createTempDirectory("mobility-hub-test-infra");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
