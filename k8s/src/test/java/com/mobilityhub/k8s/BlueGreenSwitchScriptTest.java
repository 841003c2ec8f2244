package com.mobilityhub.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * scripts/blue-green-switch.sh against a fake kubectl that records every call and answers the reads: the script
 * keeps the hub Service and the VirtualService consistent, in an order that never leaves a slot without endpoints.
 */
class BlueGreenSwitchScriptTest {

    private static final Path SCRIPT = Overlays.k8s().resolve("scripts/blue-green-switch.sh");
    private static final String FAKE_KUBECTL = """
            #!/usr/bin/env bash
            { printf '%s\\n' "$@"; echo '--'; } >> "$FAKE_LOG"
            case "$*" in
              *"get deployment hub-v1 "*) printf '%s' "${FAKE_READY_V1:-}" ;;
              *"get deployment hub-v2 "*) printf '%s' "${FAKE_READY_V2:-}" ;;
              *"get virtualservice hub -o name"*) [[ "${FAKE_VIRTUAL_SERVICE:-yes}" == yes ]] || exit 1 ;;
              *"get virtualservice hub -o jsonpath={.spec.http[2].name}"*) printf 'default' ;;
              *"get service hub -o jsonpath={.spec.selector.version}"*) printf '%s' "${FAKE_SELECTOR_VERSION:-}" ;;
            esac
            """;

    @TempDir
    Path dir;

    @Test
    void switchingToV2SpansTheServiceThenMovesAllTrafficThenPinsTheService() throws Exception {
        Run run = run(Map.of("FAKE_READY_V1", "3", "FAKE_READY_V2", "3", "FAKE_SELECTOR_VERSION", "v1"), "v2");

        assertThat(run.exit).as(run.output).isZero();
        List<String> patches = run.patches();
        assertThat(patches).containsExactly(
                "service hub --type=json [{\"op\":\"remove\",\"path\":\"/spec/selector/version\"}]",
                "virtualservice hub --type=json [{\"op\":\"replace\",\"path\":\"/spec/http/2/route\",\"value\":["
                        + "{\"destination\":{\"host\":\"hub\",\"subset\":\"v1\",\"port\":{\"number\":8080}},\"weight\":0},"
                        + "{\"destination\":{\"host\":\"hub\",\"subset\":\"v2\",\"port\":{\"number\":8080}},\"weight\":100}]}]",
                "service hub --type=merge {\"spec\":{\"selector\":{\"app\":\"hub\",\"version\":\"v2\"}}}");
        for (String patch : patches) {
            JsonNode json = new ObjectMapper().readTree(patch.substring(patch.indexOf(' ', patch.indexOf("--type")) + 1));
            assertThat(json.isContainerNode()).isTrue();
        }
        assertThat(run.calls).allMatch(call -> call.subList(0, 2).equals(List.of("-n", "mobility-prod")));
        assertThat(run.output).contains("Roll back with:").contains(" v1");
    }

    @Test
    void refusesASlotWithFewerReadyPodsThanTheOneItReplaces() throws Exception {
        Run run = run(Map.of("FAKE_READY_V1", "6", "FAKE_READY_V2", "2"), "v2");

        assertThat(run.exit).isNotZero();
        assertThat(run.output).contains("hub-v2 has 2 ready pods, hub-v1 serves with 6");
        assertThat(run.patches()).isEmpty();

        Run forced = run(Map.of("FAKE_READY_V1", "6", "FAKE_READY_V2", "2"), "--force", "v2");
        assertThat(forced.exit).as(forced.output).isZero();
        assertThat(forced.patches()).hasSize(2);
    }

    @Test
    void aCanarySpansBothSlotsAndSplitsTheDefaultRoute() throws Exception {
        Run run = run(Map.of("FAKE_READY_V2", "1", "FAKE_SELECTOR_VERSION", "v1"), "-n", "mobility-dev", "canary", "25");

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.patches()).hasSize(2);
        assertThat(run.patches().get(0)).startsWith("service hub --type=json");
        assertThat(run.patches().get(1)).contains("\"subset\":\"v1\",\"port\":{\"number\":8080}},\"weight\":75")
                .contains("\"subset\":\"v2\",\"port\":{\"number\":8080}},\"weight\":25");
        assertThat(run.calls).allMatch(call -> call.get(1).equals("mobility-dev"));
        assertThat(run(Map.of(), "canary", "120").exit).isNotZero();
    }

    @Test
    void withoutIstioASwitchOnlyPinsTheService() throws Exception {
        Run run = run(Map.of("FAKE_READY_V1", "2", "FAKE_READY_V2", "0", "FAKE_VIRTUAL_SERVICE", "no"), "--force", "v1");

        assertThat(run.exit).as(run.output).isZero();
        assertThat(run.patches()).containsExactly(
                "service hub --type=merge {\"spec\":{\"selector\":{\"app\":\"hub\",\"version\":\"v1\"}}}");
    }

    private Run run(Map<String, String> environment, String... arguments) throws IOException, InterruptedException {
        Path kubectl = dir.resolve("kubectl");
        Files.writeString(kubectl, FAKE_KUBECTL);
        kubectl.toFile().setExecutable(true);
        Path log = dir.resolve("calls-" + System.nanoTime());
        Files.writeString(log, "");
        List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
        command.addAll(Arrays.asList(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        builder.environment().put("KUBECTL", kubectl.toString());
        builder.environment().put("FAKE_LOG", log.toString());
        builder.environment().put("SETTLE_SECONDS", "0");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
        List<List<String>> calls = new ArrayList<>();
        List<String> call = new ArrayList<>();
        for (String line : Files.readAllLines(log)) {
            if (line.equals("--")) {
                calls.add(call);
                call = new ArrayList<>();
            } else {
                call.add(line);
            }
        }
        return new Run(process.exitValue(), output, calls);
    }

    private record Run(int exit, String output, List<List<String>> calls) {
        /** "kind name --type=... payload" of every kubectl patch, in order. */
        List<String> patches() {
            return calls.stream().filter(c -> c.size() > 2 && c.get(2).equals("patch"))
                    .map(c -> String.join(" ", c.get(3), c.get(4), c.get(5), c.get(7)))
                    .toList();
        }
    }
}
