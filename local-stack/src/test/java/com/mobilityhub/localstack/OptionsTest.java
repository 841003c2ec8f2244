package com.mobilityhub.localstack;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OptionsTest {

    private static final Path REPO = Path.of("/repo");

    @Test
    void defaultsToUpWithEveryAppOnTheConventionPortsAndTheRepoDataDirectory() {
        Options options = Options.parse(new String[0], Map.of(), REPO);

        assertThat(options.command()).isEqualTo("up");
        assertThat(options.apps()).isEqualTo(AppSpec.ALL);
        assertThat(options.dataDir()).isEqualTo(Path.of("/repo/.local-stack"));
        assertThat(options.ports().ports()).containsEntry("hub", 8080).containsEntry("user-service", 8081)
                .containsEntry("notification-service", 8085).containsEntry("lra-coordinator", 8090)
                .containsEntry("postgres", 15432).containsEntry("kafka", 19092);
        assertThat(options.demoData()).isTrue();
        assertThat(options.cds()).isTrue();
    }

    @Test
    void movesEveryPortByTheOffsetAndSinglePortsByName() {
        Options options = Options.parse(new String[]{"up", "--port-offset", "1000", "--port", "kafka=29999", "--port=routes=9999"},
                Map.of(), REPO);

        assertThat(options.ports().of("user-service")).isEqualTo(9081);
        assertThat(options.ports().postgres()).isEqualTo(16432);
        assertThat(options.ports().kafka()).isEqualTo(29999);
        assertThat(options.ports().of("hub")).isEqualTo(9999);
        assertThat(options.ports().jdbcUrl("users")).isEqualTo("jdbc:postgresql://127.0.0.1:16432/users");
    }

    @Test
    void takesTheDataDirectoryFromTheEnvironmentUnlessGiven() {
        assertThat(Options.parse(new String[]{"status"}, Map.of("MOBILITY_DATA_DIR", "/data"), REPO).dataDir())
                .isEqualTo(Path.of("/data"));
        assertThat(Options.parse(new String[]{"status", "--data-dir=/other"}, Map.of("MOBILITY_DATA_DIR", "/data"), REPO).dataDir())
                .isEqualTo(Path.of("/other"));
    }

    @Test
    void startsOnlyTheNamedAppsInStartOrder() {
        Options options = Options.parse(new String[]{"--only", "hub,user-service"}, Map.of(), REPO);

        assertThat(options.apps()).extracting(AppSpec::name).containsExactly("user-service", "hub");
    }

    @Test
    void refusesUnknownAppsOptionsAndPorts() {
        assertThatThrownBy(() -> Options.parse(new String[]{"--only", "payments"}, Map.of(), REPO))
                .hasMessageContaining("Unknown app 'payments'");
        assertThatThrownBy(() -> Options.parse(new String[]{"--fast"}, Map.of(), REPO)).hasMessageContaining("--fast");
        assertThatThrownBy(() -> Options.parse(new String[]{"--port", "redis=6379"}, Map.of(), REPO))
                .hasMessageContaining("redis");
        assertThatThrownBy(() -> Options.parse(new String[]{"--port-offset", "60000"}, Map.of(), REPO))
                .hasMessageContaining("out of range");
    }

    @Test
    void provisionsEveryDomainAndPartnerTopicWithItsDeadLetterTopic() {
        List<String> topics = Supervisor.topics();

        assertThat(topics).contains("mobility.users.events.v1", "mobility.users.events.v1.dlt",
                "partner.bookings.requests.v1", "partner.bookings.requests.v1.dlt");
        assertThat(topics).hasSize(18).doesNotHaveDuplicates();
    }

    @Test
    void demoDataIsValidForThePublicApi() {
        assertThat(DemoData.VEHICLES).extracting(v -> (String) v.get("vin")).allMatch(vin -> vin.matches("[A-HJ-NPR-Z0-9]{17}"));
        assertThat(DemoData.USERS).extracting(u -> (String) u.get("email")).doesNotHaveDuplicates();
    }
}
