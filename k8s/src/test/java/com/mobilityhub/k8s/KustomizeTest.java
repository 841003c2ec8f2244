package com.mobilityhub.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The renderer does what kustomize does for the features it supports, and refuses everything else. */
class KustomizeTest {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: web
              labels: {app: web}
            spec:
              replicas: 2
              selector: {matchLabels: {app: web}}
              template:
                metadata: {labels: {app: web}}
                spec:
                  containers:
                    - name: web
                      image: example/web:1.0
                      ports: [{name: http, containerPort: 8080}]
                      env:
                        - {name: A, value: "1"}
                        - {name: B, value: "2"}
                    - name: sidecar
                      image: example/sidecar@sha256:abc
            """;
    private static final String TOPIC = """
            apiVersion: kafka.strimzi.io/v1beta2
            kind: KafkaTopic
            metadata: {name: t}
            spec:
              partitions: 3
              config: {retention.ms: 1000}
            """;

    @TempDir
    Path dir;

    @Test
    void rendersNestedDirectoriesThenAppliesNamespaceLabelsReplicasAndImages() throws IOException {
        write("base/app/kustomization.yaml", "resources: [deployment.yaml]\n");
        write("base/app/deployment.yaml", DEPLOYMENT);
        write("base/ns.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: base}\n");
        write("base/kustomization.yaml", "resources: [ns.yaml, app]\n");
        write("overlay/kustomization.yaml", """
                apiVersion: kustomize.config.k8s.io/v1beta1
                kind: Kustomization
                namespace: prod
                resources: [../base]
                labels:
                  - pairs: {env: prod}
                replicas:
                  - {name: web, count: 5}
                images:
                  - {name: example/web, newName: registry.io/web, newTag: "2.0"}
                  - {name: example/sidecar, newName: registry.io/sidecar}
                """);

        List<ObjectNode> objects = Kustomize.build(dir.resolve("overlay"));

        assertThat(objects).extracting(Kustomize::id)
                .containsExactly("/Namespace//prod", "apps/Deployment/prod/web");
        ObjectNode deployment = objects.get(1);
        assertThat(deployment.path("metadata").path("labels").toString()).isEqualTo("{\"app\":\"web\",\"env\":\"prod\"}");
        assertThat(deployment.path("spec").path("template").path("metadata").path("labels").toString())
                .isEqualTo("{\"app\":\"web\"}");
        assertThat(deployment.path("spec").path("selector").toString()).isEqualTo("{\"matchLabels\":{\"app\":\"web\"}}");
        assertThat(deployment.path("spec").path("replicas").asInt()).isEqualTo(5);
        assertThat(deployment.path("spec").path("template").path("spec").path("containers").findValuesAsText("image"))
                .containsExactly("registry.io/web:2.0", "registry.io/sidecar@sha256:abc");
    }

    @Test
    void mergesBuiltInListsByNameAndReplacesCustomResourceLists() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        write("topic.yaml", TOPIC.replace("config: {retention.ms: 1000}", "config: {retention.ms: 1000}\n  list: [a, b]"));
        write("patch.yaml", """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec:
                  template:
                    spec:
                      containers:
                        - name: web
                          env:
                            - {name: B, value: "20"}
                            - {name: C, value: "3"}
                        - name: added
                          image: example/added:1
                """);
        write("kustomization.yaml", """
                resources: [deployment.yaml, topic.yaml]
                patches:
                  - path: patch.yaml
                  - patch: |-
                      apiVersion: kafka.strimzi.io/v1beta2
                      kind: KafkaTopic
                      metadata: {name: t}
                      spec:
                        partitions: 6
                        list: [c]
                        config: {cleanup.policy: compact}
                """);

        List<ObjectNode> objects = Kustomize.build(dir);

        ObjectNode deployment = objects.get(0);
        assertThat(deployment.path("spec").path("template").path("spec").path("containers"))
                .extracting(c -> c.path("name").asText() + " " + c.path("image").asText())
                .containsExactly("web example/web:1.0", "sidecar example/sidecar@sha256:abc", "added example/added:1");
        assertThat(deployment.path("spec").path("template").path("spec").path("containers").get(0).path("env")
                .toString()).isEqualTo("[{\"name\":\"A\",\"value\":\"1\"},{\"name\":\"B\",\"value\":\"20\"},"
                + "{\"name\":\"C\",\"value\":\"3\"}]");
        assertThat(objects.get(1).path("spec").toString()).isEqualTo("{\"partitions\":6,\"config\":{\"retention.ms\":1000,"
                + "\"cleanup.policy\":\"compact\"},\"list\":[\"c\"]}");
    }

    @Test
    void aTargetedPatchAppliesToEveryMatchingResource() throws IOException {
        write("a.yaml", DEPLOYMENT);
        write("b.yaml", DEPLOYMENT.replace("name: web\n  labels", "name: api\n  labels"));
        write("kustomization.yaml", """
                resources: [a.yaml, b.yaml]
                patches:
                  - target: {kind: Deployment, name: "w.*"}
                    patch: |-
                      apiVersion: apps/v1
                      kind: Deployment
                      metadata: {name: any}
                      spec: {paused: true}
                """);

        List<ObjectNode> objects = Kustomize.build(dir);

        assertThat(objects.get(0).path("spec").path("paused").asBoolean()).isTrue();
        assertThat(objects.get(1).path("spec").has("paused")).isFalse();
        assertThat(objects.get(0).path("metadata").path("name").asText()).isEqualTo("web");
    }

    @Test
    void generatesAConfigMapFromFilesAndLiteralsWithoutHashSuffix() throws IOException {
        write("dash.json", "{\"a\": 1}\n");
        write("kustomization.yaml", """
                configMapGenerator:
                  - name: dashboards
                    files: [dash.json, other.json=dash.json]
                    literals: [MODE=x=y]
                    options:
                      disableNameSuffixHash: true
                      labels: {grafana_dashboard: "1"}
                """);

        ObjectNode configMap = Kustomize.build(dir).get(0);

        assertThat(configMap.toString()).isEqualTo("{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":"
                + "\"dashboards\",\"labels\":{\"grafana_dashboard\":\"1\"}},\"data\":{\"dash.json\":\"{\\\"a\\\": 1}\\n\","
                + "\"other.json\":\"{\\\"a\\\": 1}\\n\",\"MODE\":\"x=y\"}}");
    }

    @Test
    void refusesKustomizationFieldsItDoesNotSupport() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        for (String field : List.of("commonLabels: {a: b}", "secretGenerator: []", "patchesStrategicMerge: []",
                "namePrefix: x-", "components: []", "replacements: []", "helmCharts: []")) {
            write("kustomization.yaml", "resources: [deployment.yaml]\n" + field + "\n");
            assertThatThrownBy(() -> Kustomize.build(dir)).as(field)
                    .isInstanceOf(Kustomize.KustomizeException.class).hasMessageContaining("is not supported");
        }
    }

    @Test
    void refusesPatchesWhoseSemanticsItDoesNotModel() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        // Container ports merge by containerPort in kustomize, not by name: not modelled, so refused.
        assertRefused("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {template: {spec: {containers: [{name: web, ports: [{name: admin, containerPort: 9090}]}]}}}
                """, "does not model");
        assertRefused("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web}
                spec: {template: {spec: {containers: [{name: sidecar, $patch: delete}]}}}
                """, "directive");
        assertRefused("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: nothing}
                spec: {paused: true}
                """, "matches no resource");
        assertRefused("""
                - op: replace
                  path: /spec/replicas
                  value: 3
                """, "strategic-merge mapping");
    }

    @Test
    void refusesWhatWouldSilentlyRenderSomethingElse() throws IOException {
        write("deployment.yaml", DEPLOYMENT);
        write("kustomization.yaml", "resources: [deployment.yaml, deployment.yaml]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("declared twice");

        write("kustomization.yaml", "resources: [deployment.yaml]\nimages: [{name: example/wbe, newTag: '2'}]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches no container");

        write("kustomization.yaml", "resources: [deployment.yaml]\nreplicas: [{name: wbe, count: 2}]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("matches no Deployment");

        write("kustomization.yaml", "configMapGenerator: [{name: x, literals: [A=1]}]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("disableNameSuffixHash");

        write("kustomization.yaml", "resources: [deployment.yaml]\nlabels: [{pairs: {a: b}, includeSelectors: true}]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("includeSelectors");

        write("kustomization.yaml", "resources: ['https://github.com/example/repo//base?ref=v1']\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("remote resource");

        write("kustomization.yaml", "resources: [missing.yaml]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("does not exist");

        write("kustomization.yaml", "resources: [deployment.yaml]\nnamespace: x\nlabels: [{pairs: {a: b}, fields: []}]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("'fields'");

        write("deployment.yaml", DEPLOYMENT + "  replicas: 3\n");
        write("kustomization.yaml", "resources: [deployment.yaml]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).hasMessageContaining("not valid YAML");
    }

    @Test
    void imageReferencesSplitLikeKustomize() {
        assertThat(Kustomize.Image.parse("registry:5000/a/b:1.2")).isEqualTo(new Kustomize.Image("registry:5000/a/b", ":1.2"));
        assertThat(Kustomize.Image.parse("registry:5000/a/b")).isEqualTo(new Kustomize.Image("registry:5000/a/b", ""));
        assertThat(Kustomize.Image.parse("a/b:1@sha256:x")).isEqualTo(new Kustomize.Image("a/b", ":1@sha256:x"));
        assertThat(Kustomize.Image.parse("a@sha256:x")).isEqualTo(new Kustomize.Image("a", "@sha256:x"));
    }

    private void assertRefused(String patch, String message) throws IOException {
        write("patch.yaml", patch);
        write("kustomization.yaml", "resources: [deployment.yaml]\npatches: [{path: patch.yaml}]\n");
        assertThatThrownBy(() -> Kustomize.build(dir)).isInstanceOf(Kustomize.KustomizeException.class)
                .hasMessageContaining(message);
    }

    private void write(String path, String content) throws IOException {
        Path file = dir.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
