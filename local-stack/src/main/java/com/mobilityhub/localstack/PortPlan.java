package com.mobilityhub.localstack;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every port the stack listens on. Defaults are those of docs/CONVENTIONS.md; an offset moves them
 * all (a test runs beside a developer's stack), a per-name override moves one.
 */
record PortPlan(int offset, Map<String, Integer> ports) {

    static final String POSTGRES = "postgres";
    static final String KAFKA = "kafka";
    static final int DEFAULT_POSTGRES = 15432;
    static final int DEFAULT_KAFKA = 19092;

    static PortPlan of(int offset, Map<String, Integer> overrides) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (AppSpec app : AppSpec.ALL) {
            ports.put(app.name(), app.defaultPort() + offset);
        }
        ports.put(POSTGRES, DEFAULT_POSTGRES + offset);
        ports.put(KAFKA, DEFAULT_KAFKA + offset);
        overrides.forEach((name, port) -> {
            String key = AppSpec.named(name).map(AppSpec::name).orElse(name);
            if (!ports.containsKey(key)) {
                throw new IllegalArgumentException("Unknown port name '" + name + "'; names: " + ports.keySet());
            }
            ports.put(key, port);
        });
        ports.forEach((name, port) -> {
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("Port of " + name + " out of range: " + port);
            }
        });
        return new PortPlan(offset, Collections.unmodifiableMap(ports));
    }

    int of(String name) {
        Integer port = ports.get(name);
        if (port == null) {
            throw new IllegalArgumentException("No port for " + name);
        }
        return port;
    }

    int of(AppSpec app) {
        return of(app.name());
    }

    int postgres() {
        return of(POSTGRES);
    }

    int kafka() {
        return of(KAFKA);
    }

    String kafkaBootstrap() {
        return "127.0.0.1:" + kafka();
    }

    String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + postgres() + "/" + database;
    }

    String baseUrl(AppSpec app) {
        return "http://127.0.0.1:" + of(app);
    }

    String publicUrl(AppSpec app) {
        return "http://localhost:" + of(app);
    }
}
