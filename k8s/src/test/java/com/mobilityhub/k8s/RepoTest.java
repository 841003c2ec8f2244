package com.mobilityhub.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which environment variables count as read by an app: Spring's relaxed binding, placeholders, known properties. */
class RepoTest {

    @TempDir
    Path root;

    @Test
    void anAppReadsWhatBindsToItsConfigurationItsPlaceholdersAndKnownProperties() throws IOException {
        Path resources = Files.createDirectories(root.resolve("demo/src/main/resources"));
        Files.writeString(resources.resolve("demo.yml"), """
                server:
                  address: ${SERVICE_BIND_ADDRESS:127.0.0.1}
                mobility:
                  coordinator:
                    object-store-dir: /data
                """);
        Files.createDirectories(root.resolve("demo/target/classes"));
        Files.writeString(root.resolve("demo/target/classes/demo.yml"), "ignored: true\n");
        Repo repo = new Repo(root, root.resolve("k8s"), Path.of(System.getProperty("mobility.configuration.metadata")));

        Repo.AppConfig app = repo.app("demo").orElseThrow();

        assertThat(app.reads("SERVICE_BIND_ADDRESS")).as("placeholder").isTrue();
        assertThat(app.reads("MOBILITY_COORDINATOR_OBJECTSTOREDIR")).as("canonical form").isTrue();
        assertThat(app.reads("MOBILITY_COORDINATOR_OBJECT_STORE_DIR")).as("legacy form").isTrue();
        assertThat(app.reads("SPRING_DATASOURCE_URL")).as("Spring Boot property").isTrue();
        assertThat(app.reads("CAMEL_COMPONENT_KAFKA_SASL_JAAS_CONFIG")).as("Camel Kafka property").isTrue();
        assertThat(app.reads("CAMEL_LRA_LOCAL_PARTICIPANT_URL")).as("Camel LRA property").isTrue();
        assertThat(app.reads("MANAGEMENT_METRICS_DISTRIBUTION_PERCENTILESHISTOGRAM_HTTP_SERVER_REQUESTS"))
                .as("key of a map property").isTrue();
        assertThat(app.reads("JAVA_TOOL_OPTIONS")).as("read by the JVM").isTrue();
        assertThat(app.reads("SPRING_DATASORCE_URL")).isFalse();
        assertThat(app.reads("MOBILITY_COORDINATOR_STORE_DIR")).isFalse();
        assertThat(app.reads("COORDINATOR_BIND_ADDRESS")).isFalse();
        assertThat(app.resolve("http://h:${server.port:80}${missing:}/x")).isEqualTo("http://h:80/x");
        assertThat(repo.app("absent")).isEmpty();
    }
}
