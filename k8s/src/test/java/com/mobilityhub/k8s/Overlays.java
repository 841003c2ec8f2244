package com.mobilityhub.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The rendered overlays, rendered once per test JVM; callers that change objects get copies. */
final class Overlays {

    static final Repo REPO = Repo.fromBuild();
    private static final Map<String, List<ObjectNode>> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static List<ObjectNode> render(String overlay) {
        return RENDERED.computeIfAbsent(overlay, o -> List.copyOf(Kustomize.build(REPO.k8s.resolve("overlays").resolve(o))))
                .stream().map(ObjectNode::deepCopy).toList();
    }

    static ObjectNode get(List<ObjectNode> objects, String kind, String name) {
        return objects.stream()
                .filter(o -> o.path("kind").asText().equals(kind) && o.path("metadata").path("name").asText().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name));
    }

    static List<ObjectNode> all(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    static Path k8s() {
        return REPO.k8s;
    }

    /** The environment of a workload's first container: name -> literal value, or "secret:name/key". */
    static Map<String, String> environment(List<ObjectNode> objects, ObjectNode workload) {
        Map<String, String> environment = new java.util.LinkedHashMap<>();
        JsonNode container = workload.path("spec").path("template").path("spec").path("containers").get(0);
        for (JsonNode source : container.path("envFrom")) {
            get(objects, "ConfigMap", source.path("configMapRef").path("name").asText()).path("data").fields()
                    .forEachRemaining(f -> environment.put(f.getKey(), f.getValue().asText()));
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.path("valueFrom").path("secretKeyRef");
            environment.put(variable.path("name").asText(), secret.isObject()
                    ? "secret:" + secret.path("name").asText() + "/" + secret.path("key").asText()
                    : variable.path("value").asText());
        }
        return environment;
    }
}
