package com.mobilityhub.bench;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchOptionsTest {

    @Test
    void defaultsAimAtTheLocalStack() {
        BenchOptions options = BenchOptions.parse(new String[0], Map.of());

        assertThat(options.baseUrl()).isEqualTo("http://127.0.0.1:8080");
        assertThat(options.kafka()).isEqualTo("127.0.0.1:19092");
        assertThat(options.postgresHost()).isEqualTo("127.0.0.1");
        assertThat(options.postgresPort()).isEqualTo(15432);
        assertThat(options.coordinatorUrl()).isEqualTo("http://127.0.0.1:8090/lra-coordinator");
        assertThat(options.concurrencies()).containsExactly(1, 8, 32);
        assertThat(options.token()).isEmpty();
        assertThat(options.quick()).isFalse();
    }

    @Test
    void theTokenComesFromTheOptionOrElseTheEnvironment() {
        assertThat(BenchOptions.parse(new String[0], Map.of("MOBILITY_HUB_TOKEN", "env-token")).token())
                .contains("env-token");
        assertThat(BenchOptions.parse(new String[] {"--token", "flag-token"}, Map.of("MOBILITY_HUB_TOKEN", "env-token"))
                .token()).contains("flag-token");
        assertThat(BenchOptions.parse(new String[0], Map.of("MOBILITY_HUB_TOKEN", " ")).token()).isEmpty();
    }

    @Test
    void quickShortensLevelsAndBoundsTheVehiclesToProvision() {
        BenchOptions quick = BenchOptions.parse(new String[] {"--quick", "--base-url", "http://hub:9000/"}, Map.of());
        BenchOptions full = BenchOptions.parse(new String[0], Map.of());

        assertThat(quick.baseUrl()).isEqualTo("http://hub:9000");
        assertThat(quick.sagaLevel(8)).isLessThan(full.sagaLevel(8));
        assertThat(quick.sagaLevel(1)).isLessThan(quick.sagaLevel(8));
        assertThat(quick.maxBookingsPerLevel(1)).isEqualTo(40);
        assertThat(quick.maxBookingsPerLevel(32)).isEqualTo(400);
        assertThat(full.maxBookingsPerLevel(32)).isEqualTo(1200);
    }

    @Test
    void refusesWhatItDoesNotUnderstand() {
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--nope"}, Map.of()))
                .hasMessageContaining("unknown option --nope");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--clients", "0"}, Map.of()))
                .hasMessageContaining("positive");
        assertThatThrownBy(() -> BenchOptions.parse(new String[] {"--base-url"}, Map.of()))
                .hasMessageContaining("needs a value");
        assertThat(BenchOptions.parse(new String[] {"--clients", "2,4", "--skip", "broker"}, Map.of()))
                .satisfies(o -> {
                    assertThat(o.concurrencies()).isEqualTo(List.of(2, 4));
                    assertThat(o.runs("broker")).isFalse();
                    assertThat(o.runs("booking")).isTrue();
                });
    }
}
