package com.mobilityhub.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A small Kustomize renderer for exactly the features this repository's kustomization.yaml files use, so the build
 * can render every overlay without a kustomize binary. It follows kustomize's semantics for those features and
 * throws on anything else (an unknown kustomization field, a patch directive, a list whose merge strategy it does
 * not model), so it can never silently render something different from what {@code kubectl apply -k} would apply.
 *
 * <p>Supported: {@code resources} (files, multi-document files, directories holding a kustomization), {@code
 * namespace}, {@code labels} (metadata only), {@code images}, {@code replicas}, {@code patches} (strategic-merge
 * patches from a file or inline, identified by the patch's kind and name or by a {@code target}) and {@code
 * configMapGenerator} (files and literals, without the name hash suffix). Transformers run in kustomize's order:
 * patches, namespace, labels, replicas, images.
 */
final class Kustomize {

    private static final Set<String> KUSTOMIZATION_FIELDS = Set.of(
            "apiVersion", "kind", "resources", "namespace", "labels", "images", "replicas", "patches",
            "configMapGenerator");
    private static final List<String> KUSTOMIZATION_FILE_NAMES = List.of(
            "kustomization.yaml", "kustomization.yml", "Kustomization");

    /** API groups whose kinds carry Kubernetes' strategic-merge metadata (everything else is a custom resource). */
    private static final Set<String> BUILT_IN_GROUPS = Set.of(
            "", "apps", "batch", "policy", "autoscaling", "networking.k8s.io", "rbac.authorization.k8s.io");
    /** Built-in list fields whose patchMergeKey is {@code name}: merged item by item. */
    private static final Set<String> MERGED_BY_NAME = Set.of(
            "containers", "initContainers", "ephemeralContainers", "env", "volumes", "imagePullSecrets");
    /** Built-in list fields without a patch strategy: a patch replaces them whole. */
    private static final Set<String> REPLACED_WHOLE = Set.of(
            "volumeClaimTemplates", "command", "args", "accessModes");
    /** Kinds that are not namespaced. */
    private static final Set<String> CLUSTER_SCOPED = Set.of(
            "Namespace", "ClusterRole", "ClusterRoleBinding", "CustomResourceDefinition", "PersistentVolume",
            "StorageClass", "PriorityClass", "IngressClass", "RuntimeClass");
    /** Kinds where kustomize's namespace transformer also rewrites references this renderer does not model. */
    private static final Set<String> NAMESPACE_REFERENCES_NOT_MODELLED = Set.of(
            "RoleBinding", "ClusterRoleBinding", "ValidatingWebhookConfiguration", "MutatingWebhookConfiguration",
            "APIService", "CustomResourceDefinition");
    private static final Set<String> SCALABLE_KINDS = Set.of("Deployment", "StatefulSet", "ReplicaSet");

    private final Deque<Path> rendering = new ArrayDeque<>();

    private Kustomize() {
    }

    /** Renders the kustomization in {@code directory}, as {@code kustomize build directory} would. */
    static List<ObjectNode> build(Path directory) {
        return new Kustomize().render(directory.toAbsolutePath().normalize());
    }

    private List<ObjectNode> render(Path directory) {
        if (rendering.contains(directory)) {
            throw new KustomizeException("cycle in resources: " + rendering + " -> " + directory);
        }
        rendering.push(directory);
        try {
            Path file = kustomizationFile(directory);
            ObjectNode kustomization = Yaml.single(file);
            for (Iterator<String> names = kustomization.fieldNames(); names.hasNext(); ) {
                String field = names.next();
                if (!KUSTOMIZATION_FIELDS.contains(field)) {
                    throw new KustomizeException(file + ": field '" + field + "' is not supported by this renderer"
                            + " (supported: " + KUSTOMIZATION_FIELDS + ")");
                }
            }
            expect(file, kustomization, "apiVersion", "kustomize.config.k8s.io/v1beta1");
            expect(file, kustomization, "kind", "Kustomization");

            List<ObjectNode> resources = new ArrayList<>();
            for (JsonNode entry : list(file, kustomization, "resources")) {
                resources.addAll(resource(file, directory, text(file, entry, "resources entry")));
            }
            for (JsonNode generator : list(file, kustomization, "configMapGenerator")) {
                resources.add(configMap(file, directory, object(file, generator, "configMapGenerator entry")));
            }
            requireUniqueIds(file, resources);

            for (JsonNode patch : list(file, kustomization, "patches")) {
                patch(file, directory, object(file, patch, "patches entry"), resources);
            }
            if (kustomization.has("namespace")) {
                namespace(file, text(file, kustomization.get("namespace"), "namespace"), resources);
            }
            for (JsonNode labels : list(file, kustomization, "labels")) {
                labels(file, object(file, labels, "labels entry"), resources);
            }
            for (JsonNode replicas : list(file, kustomization, "replicas")) {
                replicas(file, object(file, replicas, "replicas entry"), resources);
            }
            for (JsonNode image : list(file, kustomization, "images")) {
                image(file, object(file, image, "images entry"), resources);
            }
            return resources;
        } finally {
            rendering.pop();
        }
    }

    private static Path kustomizationFile(Path directory) {
        List<Path> found = KUSTOMIZATION_FILE_NAMES.stream().map(directory::resolve).filter(Files::isRegularFile)
                .toList();
        if (found.size() != 1) {
            throw new KustomizeException(directory + ": expected exactly one kustomization file, found " + found);
        }
        return found.get(0);
    }

    // ---- resources ----------------------------------------------------------------------------------------------

    private List<ObjectNode> resource(Path file, Path directory, String entry) {
        if (entry.contains("://") || entry.startsWith("github.com/") || entry.contains("?ref=")) {
            throw new KustomizeException(file + ": remote resource '" + entry + "' is not supported");
        }
        Path path = directory.resolve(entry).normalize();
        if (Files.isDirectory(path)) {
            return render(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new KustomizeException(file + ": resource '" + entry + "' does not exist");
        }
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode document : Yaml.documents(path)) {
            if (!document.isObject()) {
                throw new KustomizeException(path + ": a resource document must be a mapping");
            }
            ObjectNode object = (ObjectNode) document;
            String kind = object.path("kind").asText("");
            if (kind.equals("Kustomization") || kind.equals("Component")) {
                throw new KustomizeException(path + ": a " + kind + " listed as a resource file; list its directory");
            }
            if (!object.path("apiVersion").isTextual() || kind.isEmpty()
                    || !object.path("metadata").path("name").isTextual()) {
                throw new KustomizeException(path + ": every resource needs apiVersion, kind and metadata.name: "
                        + object);
            }
            objects.add(object);
        }
        return objects;
    }

    private static ObjectNode configMap(Path file, Path directory, ObjectNode generator) {
        allowOnly(file, generator, "configMapGenerator entry", "name", "files", "literals", "options");
        String name = text(file, generator.get("name"), "configMapGenerator name");
        ObjectNode options = generator.has("options") ? object(file, generator.get("options"), "options")
                : JsonNodeFactory.instance.objectNode();
        allowOnly(file, options, "configMapGenerator options", "labels", "annotations", "disableNameSuffixHash");
        if (!options.path("disableNameSuffixHash").asBoolean(false)) {
            throw new KustomizeException(file + ": configMapGenerator '" + name + "' must set options."
                    + "disableNameSuffixHash: true (the hash suffix and the reference rewriting are not modelled)");
        }
        ObjectNode configMap = JsonNodeFactory.instance.objectNode();
        configMap.put("apiVersion", "v1");
        configMap.put("kind", "ConfigMap");
        ObjectNode metadata = configMap.putObject("metadata");
        metadata.put("name", name);
        if (options.has("labels")) {
            metadata.set("labels", object(file, options.get("labels"), "labels").deepCopy());
        }
        if (options.has("annotations")) {
            metadata.set("annotations", object(file, options.get("annotations"), "annotations").deepCopy());
        }
        ObjectNode data = configMap.putObject("data");
        for (JsonNode entry : list(file, generator, "files")) {
            String spec = text(file, entry, "files entry");
            int equals = spec.indexOf('=');
            String key = equals < 0 ? Path.of(spec).getFileName().toString() : spec.substring(0, equals);
            Path source = directory.resolve(equals < 0 ? spec : spec.substring(equals + 1)).normalize();
            if (!source.startsWith(directory)) {
                throw new KustomizeException(file + ": file '" + spec + "' is outside the kustomization root");
            }
            if (!Files.isRegularFile(source)) {
                throw new KustomizeException(file + ": file '" + spec + "' does not exist");
            }
            put(file, data, key, Yaml.read(source));
        }
        for (JsonNode entry : list(file, generator, "literals")) {
            String literal = text(file, entry, "literals entry");
            int equals = literal.indexOf('=');
            if (equals <= 0) {
                throw new KustomizeException(file + ": literal '" + literal + "' is not KEY=VALUE");
            }
            put(file, data, literal.substring(0, equals), literal.substring(equals + 1));
        }
        return configMap;
    }

    private static void put(Path file, ObjectNode data, String key, String value) {
        if (data.has(key)) {
            throw new KustomizeException(file + ": configMapGenerator key '" + key + "' given twice");
        }
        data.put(key, value);
    }

    private static void requireUniqueIds(Path file, List<ObjectNode> resources) {
        Set<String> ids = new HashSet<>();
        for (ObjectNode resource : resources) {
            if (!ids.add(id(resource))) {
                throw new KustomizeException(file + ": resource " + id(resource) + " is declared twice");
            }
        }
    }

    static String id(JsonNode resource) {
        return group(resource) + "/" + resource.path("kind").asText() + "/"
                + resource.path("metadata").path("namespace").asText("") + "/"
                + resource.path("metadata").path("name").asText();
    }

    static String group(JsonNode resource) {
        String apiVersion = resource.path("apiVersion").asText();
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    // ---- patches (strategic merge) -------------------------------------------------------------------------------

    private static void patch(Path file, Path directory, ObjectNode entry, List<ObjectNode> resources) {
        allowOnly(file, entry, "patches entry", "path", "patch", "target");
        if (entry.has("path") == entry.has("patch")) {
            throw new KustomizeException(file + ": a patches entry needs exactly one of 'path' and 'patch'");
        }
        String origin;
        List<JsonNode> documents;
        if (entry.has("path")) {
            Path source = directory.resolve(text(file, entry.get("path"), "patch path")).normalize();
            if (!Files.isRegularFile(source)) {
                throw new KustomizeException(file + ": patch file " + source + " does not exist");
            }
            origin = source.toString();
            documents = Yaml.documents(source);
        } else {
            origin = file + " (inline patch)";
            documents = Yaml.documents(text(file, entry.get("patch"), "patch"), origin);
        }
        if (documents.size() != 1 || !documents.get(0).isObject()) {
            throw new KustomizeException(origin + ": a patch must be exactly one strategic-merge mapping"
                    + " (JSON 6902 operation lists and multi-document patches are not supported)");
        }
        ObjectNode patch = (ObjectNode) documents.get(0);
        List<ObjectNode> targets;
        if (entry.has("target")) {
            targets = select(file, object(file, entry.get("target"), "target"), resources);
        } else {
            String kind = patch.path("kind").asText("");
            String name = patch.path("metadata").path("name").asText("");
            if (kind.isEmpty() || name.isEmpty()) {
                throw new KustomizeException(origin + ": a patch without target needs kind and metadata.name");
            }
            targets = resources.stream()
                    .filter(r -> r.path("kind").asText().equals(kind)
                            && r.path("metadata").path("name").asText().equals(name)
                            && group(r).equals(group(patch))
                            && (!patch.path("metadata").has("namespace") || patch.path("metadata").path("namespace")
                            .equals(r.path("metadata").path("namespace"))))
                    .toList();
        }
        if (targets.isEmpty()) {
            throw new KustomizeException(origin + ": the patch matches no resource");
        }
        if (!entry.has("target") && targets.size() > 1) {
            throw new KustomizeException(origin + ": the patch matches " + targets.size() + " resources");
        }
        ObjectNode body = patch.deepCopy();
        body.remove("apiVersion");
        body.remove("kind");
        if (body.get("metadata") instanceof ObjectNode metadata) {
            metadata.remove("name");
            metadata.remove("namespace");
            if (metadata.isEmpty()) {
                body.remove("metadata");
            }
        }
        for (ObjectNode target : targets) {
            merge(origin, target, body, "", BUILT_IN_GROUPS.contains(group(target)));
        }
    }

    private static List<ObjectNode> select(Path file, ObjectNode target, List<ObjectNode> resources) {
        allowOnly(file, target, "target", "group", "version", "kind", "name", "namespace", "labelSelector");
        List<ObjectNode> selected = new ArrayList<>();
        Pattern name = target.has("name") ? Pattern.compile(text(file, target.get("name"), "target name")) : null;
        Map<String, String> labels = new LinkedHashMap<>();
        if (target.has("labelSelector")) {
            for (String requirement : text(file, target.get("labelSelector"), "labelSelector").split(",")) {
                String[] pair = requirement.trim().split("=", -1);
                if (pair.length != 2 || pair[0].isEmpty() || pair[0].endsWith("!")) {
                    throw new KustomizeException(file + ": labelSelector '" + requirement
                            + "' is not supported (only key=value, comma separated)");
                }
                labels.put(pair[0].trim(), pair[1].trim());
            }
        }
        for (ObjectNode resource : resources) {
            String apiVersion = resource.path("apiVersion").asText();
            String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
            boolean matches = (!target.has("kind") || target.get("kind").asText().equals(resource.path("kind").asText()))
                    && (!target.has("group") || target.get("group").asText().equals(group(resource)))
                    && (!target.has("version") || target.get("version").asText().equals(version))
                    && (!target.has("namespace") || target.get("namespace").asText()
                    .equals(resource.path("metadata").path("namespace").asText()))
                    && (name == null || name.matcher(resource.path("metadata").path("name").asText()).matches())
                    && labels.entrySet().stream().allMatch(l -> l.getValue()
                    .equals(resource.path("metadata").path("labels").path(l.getKey()).asText(null)));
            if (matches) {
                selected.add(resource);
            }
        }
        return selected;
    }

    /** Kubernetes strategic merge, restricted to what kustomize does for the fields named in the class constants. */
    static void merge(String origin, ObjectNode target, ObjectNode patch, String path, boolean builtIn) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            String key = field.getKey();
            JsonNode value = field.getValue();
            String at = path.isEmpty() ? key : path + "." + key;
            if (key.startsWith("$")) {
                throw new KustomizeException(origin + ": patch directive '" + key + "' at " + at + " is not supported");
            }
            JsonNode existing = target.get(key);
            if (value.isNull()) {
                target.remove(key);
            } else if (value.isObject() && existing != null && existing.isObject()) {
                merge(origin, (ObjectNode) existing, (ObjectNode) value, at, builtIn);
            } else if (value.isArray() && existing != null && existing.isArray()) {
                if (!builtIn || REPLACED_WHOLE.contains(key)) {
                    // Custom resources carry no merge metadata: kustomize replaces their lists whole.
                    target.set(key, value.deepCopy());
                } else if (MERGED_BY_NAME.contains(key)) {
                    mergeByName(origin, (ArrayNode) existing, (ArrayNode) value, at);
                } else {
                    throw new KustomizeException(origin + ": list '" + at + "' is merged by a strategy this renderer"
                            + " does not model; patch a list merged by name, or one replaced whole "
                            + REPLACED_WHOLE);
                }
            } else {
                target.set(key, value.deepCopy());
            }
        }
    }

    private static void mergeByName(String origin, ArrayNode target, ArrayNode patch, String path) {
        for (JsonNode item : patch) {
            if (!item.isObject() || !item.path("name").isTextual()) {
                throw new KustomizeException(origin + ": every item of '" + path + "' needs a name");
            }
            ObjectNode existing = null;
            for (JsonNode candidate : target) {
                if (candidate.path("name").asText().equals(item.get("name").asText())) {
                    existing = (ObjectNode) candidate;
                }
            }
            if (existing == null) {
                ObjectNode added = (ObjectNode) item.deepCopy();
                if (added.has("$patch")) {
                    throw new KustomizeException(origin + ": patch directive '$patch' in '" + path + "' is not"
                            + " supported");
                }
                target.add(added);
            } else {
                merge(origin, existing, (ObjectNode) item, path + "[" + item.get("name").asText() + "]", true);
            }
        }
    }

    // ---- namespace, labels, replicas, images ------------------------------------------------------------------

    private static void namespace(Path file, String namespace, List<ObjectNode> resources) {
        for (ObjectNode resource : resources) {
            String kind = resource.path("kind").asText();
            if (NAMESPACE_REFERENCES_NOT_MODELLED.contains(kind)) {
                throw new KustomizeException(file + ": namespace on a " + kind + " rewrites references this renderer"
                        + " does not model");
            }
            ObjectNode metadata = (ObjectNode) resource.get("metadata");
            if (kind.equals("Namespace")) {
                // kustomize renames Namespace objects to the kustomization's namespace.
                metadata.put("name", namespace);
            } else if (!CLUSTER_SCOPED.contains(kind)) {
                metadata.put("namespace", namespace);
            }
        }
    }

    private static void labels(Path file, ObjectNode entry, List<ObjectNode> resources) {
        allowOnly(file, entry, "labels entry", "pairs", "includeSelectors", "includeTemplates");
        if (entry.path("includeSelectors").asBoolean(false) || entry.path("includeTemplates").asBoolean(false)) {
            throw new KustomizeException(file + ": labels with includeSelectors/includeTemplates are not supported"
                    + " (selectors are immutable: set app labels in the manifests)");
        }
        ObjectNode pairs = object(file, entry.get("pairs"), "labels pairs");
        for (ObjectNode resource : resources) {
            ObjectNode metadata = (ObjectNode) resource.get("metadata");
            ObjectNode labels = metadata.has("labels") ? (ObjectNode) metadata.get("labels") : metadata.putObject("labels");
            pairs.fields().forEachRemaining(pair -> labels.put(pair.getKey(), text(file, pair.getValue(), "label")));
        }
    }

    private static void replicas(Path file, ObjectNode entry, List<ObjectNode> resources) {
        allowOnly(file, entry, "replicas entry", "name", "count");
        String name = text(file, entry.get("name"), "replicas name");
        if (!entry.path("count").isInt()) {
            throw new KustomizeException(file + ": replicas '" + name + "' needs an integer count");
        }
        List<ObjectNode> matched = resources.stream()
                .filter(r -> SCALABLE_KINDS.contains(r.path("kind").asText())
                        && r.path("metadata").path("name").asText().equals(name))
                .toList();
        if (matched.isEmpty()) {
            throw new KustomizeException(file + ": replicas '" + name + "' matches no Deployment or StatefulSet");
        }
        matched.forEach(r -> ((ObjectNode) r.get("spec")).put("replicas", entry.get("count").asInt()));
    }

    private static void image(Path file, ObjectNode entry, List<ObjectNode> resources) {
        allowOnly(file, entry, "images entry", "name", "newName", "newTag", "digest");
        String name = text(file, entry.get("name"), "image name");
        int[] rewritten = {0};
        for (ObjectNode resource : resources) {
            for (ArrayNode containers : containerLists(resource)) {
                for (JsonNode container : containers) {
                    if (!container.path("image").isTextual()) {
                        continue;
                    }
                    Image image = Image.parse(container.get("image").asText());
                    if (!image.name().equals(name)) {
                        continue;
                    }
                    String newName = entry.has("newName") ? entry.get("newName").asText() : image.name();
                    String suffix = image.suffix();
                    if (entry.has("newTag")) {
                        suffix = ":" + entry.get("newTag").asText();
                    }
                    if (entry.has("digest")) {
                        suffix = "@" + entry.get("digest").asText();
                    }
                    ((ObjectNode) container).put("image", newName + suffix);
                    rewritten[0]++;
                }
            }
        }
        if (rewritten[0] == 0) {
            throw new KustomizeException(file + ": images entry '" + name + "' matches no container");
        }
    }

    private static List<ArrayNode> containerLists(ObjectNode resource) {
        List<ArrayNode> lists = new ArrayList<>();
        for (JsonNode podSpec : List.of(resource.path("spec"), resource.path("spec").path("template").path("spec"),
                resource.path("spec").path("jobTemplate").path("spec").path("template").path("spec"))) {
            for (String field : List.of("containers", "initContainers")) {
                if (podSpec.get(field) instanceof ArrayNode containers) {
                    lists.add(containers);
                }
            }
        }
        return lists;
    }

    /** An image reference split as kustomize does: the name, then ":tag" and/or "@digest". */
    record Image(String name, String suffix) {
        static Image parse(String reference) {
            int at = reference.indexOf('@');
            String beforeDigest = at < 0 ? reference : reference.substring(0, at);
            int colon = beforeDigest.lastIndexOf(':');
            int end = colon > beforeDigest.lastIndexOf('/') ? colon : (at < 0 ? reference.length() : at);
            return new Image(reference.substring(0, end), reference.substring(end));
        }
    }

    // ---- helpers -----------------------------------------------------------------------------------------------

    private static void expect(Path file, ObjectNode kustomization, String field, String value) {
        if (kustomization.has(field) && !kustomization.get(field).asText().equals(value)) {
            throw new KustomizeException(file + ": " + field + " must be " + value);
        }
    }

    private static void allowOnly(Path file, ObjectNode node, String what, String... fields) {
        Set<String> allowed = Set.of(fields);
        node.fieldNames().forEachRemaining(field -> {
            if (!allowed.contains(field)) {
                throw new KustomizeException(file + ": field '" + field + "' of " + what
                        + " is not supported by this renderer (supported: " + allowed + ")");
            }
        });
    }

    private static Iterable<JsonNode> list(Path file, ObjectNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null) {
            return List.of();
        }
        if (!value.isArray()) {
            throw new KustomizeException(file + ": '" + field + "' must be a list");
        }
        return value;
    }

    private static ObjectNode object(Path file, JsonNode node, String what) {
        if (node == null || !node.isObject()) {
            throw new KustomizeException(file + ": " + what + " must be a mapping");
        }
        return (ObjectNode) node;
    }

    private static String text(Path file, JsonNode node, String what) {
        if (node == null || !node.isTextual()) {
            throw new KustomizeException(file + ": " + what + " must be a string");
        }
        return node.asText();
    }

    /** A kustomization this renderer cannot render faithfully. */
    static final class KustomizeException extends RuntimeException {
        KustomizeException(String message) {
            super(message);
        }
    }
}
