package com.mobilityhub.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the manifests are checked against, read from the repository itself: each app's configuration file
 * ({@code <app>.yml}), the topic constants ({@code Topics.java}), the topics each app's code consumes and produces,
 * k8s/README.md, and which Spring and Camel properties exist (configuration metadata of the starters).
 */
final class Repo {

    /** Read by the JVM itself, not by Spring. */
    private static final Set<String> JVM_ENVIRONMENT = Set.of("JAVA_TOOL_OPTIONS");
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::[^}]*)?}");
    private static final Pattern TOPIC_CONSTANT = Pattern.compile(
            "public\\s+static\\s+final\\s+String\\s+([A-Z_]+)\\s*=\\s*\"([^\"]+)\"\\s*;");
    private static final Pattern CONSUMES = Pattern.compile("fromEvents\\(\\s*Topics\\.([A-Z_]+)");
    private static final Pattern PRODUCES = Pattern.compile("\\.record\\(\\s*Topics\\.([A-Z_]+)");

    final Path root;
    final Path k8s;
    private final Path metadataDirectory;
    private final Map<String, AppConfig> apps = new HashMap<>();
    private Map<String, String> topicConstants;
    private Map<String, List<Path>> configurationFiles;
    private String k8sReadme;
    private Metadata metadata;

    Repo(Path root, Path k8s, Path metadataDirectory) {
        this.root = root.toAbsolutePath().normalize();
        this.k8s = k8s.toAbsolutePath().normalize();
        this.metadataDirectory = metadataDirectory;
    }

    static Repo fromBuild() {
        return new Repo(Path.of(required("mobility.repo.root")), Path.of(required("mobility.k8s.dir")),
                Path.of(required("mobility.configuration.metadata")));
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("system property " + property + " is not set (run through Maven)");
        }
        return value;
    }

    // ---- apps ---------------------------------------------------------------------------------------------------

    /** The app's configuration, from {@code **}{@code /src/main/resources/<app>.yml}; empty if there is none. */
    Optional<AppConfig> app(String name) {
        return Optional.ofNullable(apps.computeIfAbsent(name, this::loadApp));
    }

    private AppConfig loadApp(String name) {
        List<Path> files = configurationFiles().getOrDefault(name + ".yml", List.of());
        if (files.size() > 1) {
            throw new IllegalStateException("several configuration files for " + name + ": " + files);
        }
        return files.isEmpty() ? null : new AppConfig(name, files.get(0));
    }

    /** Every src/main/resources/*.yml of the repository by file name, found in one walk that skips build output. */
    private synchronized Map<String, List<Path>> configurationFiles() {
        if (configurationFiles == null) {
            Map<String, List<Path>> found = new HashMap<>();
            try {
                Files.walkFileTree(root, new SimpleFileVisitor<>() {
                    @Override
                    public FileVisitResult preVisitDirectory(Path directory, BasicFileAttributes attributes) {
                        String name = directory.getFileName() == null ? "" : directory.getFileName().toString();
                        boolean skip = !directory.equals(root) && (name.startsWith(".") || name.equals("target")
                                || name.equals("node_modules") || directory.equals(k8s));
                        return skip ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                    }

                    @Override
                    public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                        if (file.toString().endsWith(".yml") && file.getParent().endsWith(Path.of("src", "main", "resources"))) {
                            found.computeIfAbsent(file.getFileName().toString(), f -> new ArrayList<>()).add(file);
                        }
                        return FileVisitResult.CONTINUE;
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            configurationFiles = found;
        }
        return configurationFiles;
    }

    /** One app's configuration file, flattened to property keys. */
    final class AppConfig {
        final String name;
        final Path file;
        final Path module;
        final Map<String, JsonNode> properties = new LinkedHashMap<>();
        final Set<String> placeholders = new LinkedHashSet<>();
        private final Map<Pattern, Set<String>> scans = new HashMap<>();

        AppConfig(String name, Path file) {
            this.name = name;
            this.file = file;
            this.module = file.getParent().getParent().getParent().getParent();
            for (JsonNode document : Yaml.documents(file)) {
                flatten("", document);
            }
        }

        private void flatten(String prefix, JsonNode node) {
            if (node.isObject()) {
                node.fields().forEachRemaining(f -> flatten(prefix.isEmpty() ? f.getKey() : prefix + "." + f.getKey(),
                        f.getValue()));
            } else if (node.isArray()) {
                properties.put(prefix, node);
                for (int i = 0; i < node.size(); i++) {
                    flatten(prefix + "[" + i + "]", node.get(i));
                }
            } else {
                properties.put(prefix, node);
                Matcher matcher = PLACEHOLDER.matcher(node.asText());
                while (matcher.find()) {
                    placeholders.add(matcher.group(1));
                }
            }
        }

        /** A value with its ${name:default} placeholders resolved from this file (else their defaults). */
        String resolve(String value) {
            String resolved = value;
            for (int depth = 0; depth < 10; depth++) {
                Matcher matcher = Pattern.compile("\\$\\{([A-Za-z0-9_.\\-]+)(?::([^${}]*))?}").matcher(resolved);
                if (!matcher.find()) {
                    return resolved;
                }
                String replacement = properties.containsKey(matcher.group(1)) ? text(matcher.group(1))
                        : matcher.group(2) != null ? matcher.group(2) : "";
                resolved = resolved.substring(0, matcher.start()) + replacement + resolved.substring(matcher.end());
            }
            return resolved;
        }

        String text(String key) {
            JsonNode value = properties.get(key);
            return value == null ? null : value.asText();
        }

        Set<String> exposedEndpoints() {
            JsonNode include = properties.get("management.endpoints.web.exposure.include");
            Set<String> endpoints = new TreeSet<>(Set.of("health"));
            if (include != null && include.isArray()) {
                include.forEach(e -> endpoints.add(e.asText().trim()));
            } else if (include != null) {
                for (String endpoint : include.asText().split(",")) {
                    endpoints.add(endpoint.trim());
                }
            }
            return endpoints;
        }

        boolean probesEnabled() {
            JsonNode enabled = properties.get("management.endpoint.health.probes.enabled");
            return enabled != null && enabled.asText().equals("true");
        }

        /**
         * Whether the app reads an environment variable: it binds (Spring's relaxed binding) to a key of the app's
         * configuration file, or is a placeholder that file reads (${COORDINATOR_BIND_ADDRESS:...}), or binds to a
         * property Spring Boot or the Camel starters define, or is read by the JVM.
         */
        boolean reads(String variable) {
            if (JVM_ENVIRONMENT.contains(variable)) {
                return true;
            }
            for (String key : properties.keySet()) {
                if (!key.contains("[") && environmentNames(key).contains(variable)) {
                    return true;
                }
            }
            for (String placeholder : placeholders) {
                if (placeholder.equals(variable) || environmentNames(placeholder).contains(variable)) {
                    return true;
                }
            }
            return metadata().defines(variable);
        }

        /** Topic constants (names in Topics.java) the app's own code consumes with fromEvents(...). */
        Set<String> consumedTopicConstants() {
            return scans.computeIfAbsent(CONSUMES, this::scan);
        }

        /** Topic constants the app's own code records in its outbox. */
        Set<String> producedTopicConstants() {
            return scans.computeIfAbsent(PRODUCES, this::scan);
        }

        private Set<String> scan(Pattern pattern) {
            Set<String> constants = new TreeSet<>();
            Path sources = module.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                return constants;
            }
            try (Stream<Path> walk = Files.walk(sources)) {
                walk.filter(p -> p.toString().endsWith(".java")).forEach(p -> {
                    Matcher matcher = pattern.matcher(Yaml.read(p));
                    while (matcher.find()) {
                        constants.add(matcher.group(1));
                    }
                });
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return constants;
        }
    }

    /**
     * The environment variable names Spring Boot maps to a property: dots to underscores, upper case, dashes
     * removed (the canonical form) or turned into underscores (the legacy form, also accepted).
     */
    static Set<String> environmentNames(String property) {
        String dotted = property.replace('.', '_');
        return new TreeSet<>(List.of(dotted.replace("-", "").toUpperCase(Locale.ROOT),
                dotted.replace('-', '_').toUpperCase(Locale.ROOT)));
    }

    // ---- topics -------------------------------------------------------------------------------------------------

    /** Constant name -> topic name, from contracts/.../Topics.java (DEAD_LETTER_SUFFIX excluded). */
    Map<String, String> topicConstants() {
        if (topicConstants == null) {
            Map<String, String> constants = new LinkedHashMap<>();
            Matcher matcher = TOPIC_CONSTANT.matcher(Yaml.read(topicsSource()));
            while (matcher.find()) {
                constants.put(matcher.group(1), matcher.group(2));
            }
            if (!constants.containsKey("DEAD_LETTER_SUFFIX") || constants.size() < 2) {
                throw new IllegalStateException(topicsSource() + ": no topic constants found");
            }
            topicConstants = constants;
        }
        Map<String, String> topics = new LinkedHashMap<>(topicConstants);
        topics.remove("DEAD_LETTER_SUFFIX");
        return topics;
    }

    String deadLetterSuffix() {
        topicConstants();
        return topicConstants.get("DEAD_LETTER_SUFFIX");
    }

    Path topicsSource() {
        return root.resolve("contracts/src/main/java/com/mobilityhub/contracts/Topics.java");
    }

    String k8sReadme() {
        if (k8sReadme == null) {
            k8sReadme = Yaml.read(k8s.resolve("README.md"));
        }
        return k8sReadme;
    }

    // ---- configuration metadata ---------------------------------------------------------------------------------

    Metadata metadata() {
        if (metadata == null) {
            metadata = new Metadata(metadataDirectory);
        }
        return metadata;
    }

    /** Properties declared in META-INF/spring-configuration-metadata.json of Spring Boot and the Camel starters. */
    static final class Metadata {
        private final Set<String> variables = new TreeSet<>();
        private final Set<String> mapPrefixes = new TreeSet<>();
        final Set<String> properties = new TreeSet<>();

        Metadata(Path directory) {
            ObjectMapper json = new ObjectMapper();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(directory)) {
                files = walk.filter(p -> p.getFileName().toString().equals("spring-configuration-metadata.json"))
                        .toList();
                for (Path file : files) {
                    for (JsonNode property : json.readTree(file.toFile()).path("properties")) {
                        String name = property.path("name").asText();
                        properties.add(name);
                        variables.addAll(environmentNames(name));
                        if (property.path("type").asText().startsWith("java.util.Map")) {
                            environmentNames(name).forEach(v -> mapPrefixes.add(v + "_"));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (files.size() < 3) {
                throw new IllegalStateException("configuration metadata missing under " + directory
                        + " (the build unpacks it in generate-test-resources)");
            }
        }

        boolean defines(String variable) {
            return variables.contains(variable) || mapPrefixes.stream().anyMatch(variable::startsWith);
        }
    }
}
