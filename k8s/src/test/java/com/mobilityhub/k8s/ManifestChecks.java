package com.mobilityhub.k8s;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a rendered overlay: every object against its typed model (strict), the fields each kind needs, and the
 * references between objects and to the code (probes, properties, ports, topics, secrets). Returns the problems
 * found, one line each; an empty list means the overlay is consistent.
 */
final class ManifestChecks {

    /** The topics each app publishes (README "Kafka topics" table, ARCHITECTURE.md), by Topics.java constant. */
    static final Map<String, Set<String>> OWNED_TOPICS = Map.of(
            "hub", Set.of("BOOKINGS", "PARTNER_TRIP_EVENTS"),
            "user-service", Set.of("USERS"),
            "vehicle-service", Set.of("VEHICLES"),
            "trip-service", Set.of("TRIPS"),
            "billing-service", Set.of("BILLING"),
            "notification-service", Set.of("NOTIFICATIONS"));

    /** Keys of the Secret Strimzi's User Operator writes for a SCRAM-SHA-512 KafkaUser. */
    private static final Set<String> KAFKA_USER_SECRET_KEYS = Set.of("password", "sasl.jaas.config");
    private static final Pattern HTTP_URL = Pattern.compile("^https?://([a-z0-9-]+):(\\d+)(/.*)?$");
    private static final Pattern KAFKA_BOOTSTRAP = Pattern.compile("^([a-z0-9-]+)-kafka-bootstrap:(\\d+)$");
    private static final Pattern RETENTION = Pattern.compile("^[1-9][0-9]*[dwm]$");
    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet");

    private final List<ObjectNode> objects;
    private final Repo repo;
    private final List<String> problems = new ArrayList<>();
    private final List<Pod> pods = new ArrayList<>();

    /** A pod template, or the pods an operator will create for a custom resource. */
    record Pod(ObjectNode owner, Map<String, String> labels, List<JsonNode> containers, boolean workload) {
        String app() {
            return labels.get("app");
        }
    }

    private ManifestChecks(List<ObjectNode> objects, Repo repo) {
        this.objects = objects;
        this.repo = repo;
    }

    static List<String> check(List<ObjectNode> objects, Repo repo) {
        ManifestChecks checks = new ManifestChecks(objects, repo);
        checks.run();
        return checks.problems;
    }

    private void run() {
        models();
        collectPods();
        namespace();
        workloads();
        services();
        disruptionBudgets();
        autoscalers();
        networkPolicies();
        serviceMonitors();
        podMonitors();
        apps();
        kafka();
        postgres();
        istio();
        dashboards();
        secrets();
    }

    private void problem(JsonNode object, String message) {
        problems.add(Kustomize.id(object) + ": " + message);
    }

    // ---- models and required fields -----------------------------------------------------------------------------

    private void models() {
        for (ObjectNode object : objects) {
            try {
                Models.read(object);
            } catch (Models.ModelException e) {
                problem(object, e.getMessage());
            }
        }
    }

    private void namespace() {
        List<ObjectNode> namespaces = kind("Namespace");
        if (namespaces.size() != 1) {
            problems.add("expected exactly one Namespace, found " + namespaces.size());
            return;
        }
        String namespace = name(namespaces.get(0));
        for (ObjectNode object : objects) {
            if (!object.path("kind").asText().equals("Namespace")
                    && !namespace.equals(object.path("metadata").path("namespace").asText())) {
                problem(object, "not in namespace " + namespace);
            }
        }
    }

    private void collectPods() {
        for (ObjectNode object : objects) {
            String kind = object.path("kind").asText();
            if (WORKLOADS.contains(kind)) {
                JsonNode template = object.path("spec").path("template");
                List<JsonNode> containers = new ArrayList<>();
                template.path("spec").path("containers").forEach(containers::add);
                pods.add(new Pod(object, labels(template.path("metadata").path("labels")), containers, true));
            } else if (kind.equals("Cluster") && Kustomize.group(object).equals("postgresql.cnpg.io")) {
                // CloudNativePG labels its instance pods with the cluster name.
                pods.add(new Pod(object, Map.of("cnpg.io/cluster", name(object), "cnpg.io/podRole", "instance"),
                        List.of(), false));
            } else if (kind.equals("KafkaNodePool")) {
                // Strimzi's broker/controller pods, and (below) its Kafka Exporter, as Strimzi labels them.
                String cluster = object.path("metadata").path("labels").path("strimzi.io/cluster").asText();
                pods.add(new Pod(object, Map.of("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", cluster + "-kafka", "strimzi.io/pool-name", name(object)), List.of(), false));
            } else if (kind.equals("Kafka") && object.path("spec").has("kafkaExporter")) {
                pods.add(new Pod(object, Map.of("strimzi.io/cluster", name(object), "strimzi.io/kind", "Kafka",
                        "strimzi.io/name", name(object) + "-kafka-exporter"), List.of(), false));
            }
        }
    }

    private void workloads() {
        for (ObjectNode workload : kinds(WORKLOADS)) {
            JsonNode spec = workload.path("spec");
            Map<String, String> selector = labels(spec.path("selector").path("matchLabels"));
            Map<String, String> template = labels(spec.path("template").path("metadata").path("labels"));
            if (selector.isEmpty()) {
                problem(workload, "spec.selector.matchLabels is empty");
            }
            selector.forEach((k, v) -> {
                if (!v.equals(template.get(k))) {
                    problem(workload, "selector " + k + "=" + v + " does not match the pod template's labels");
                }
            });
            for (String label : List.of("app", "version")) {
                if (!template.containsKey(label)) {
                    problem(workload, "pod template has no '" + label + "' label");
                }
            }
            JsonNode podSpec = spec.path("template").path("spec");
            if (podSpec.path("containers").isEmpty()) {
                problem(workload, "no containers");
            }
            Set<String> volumes = new TreeSet<>();
            podSpec.path("volumes").forEach(v -> volumes.add(v.path("name").asText()));
            spec.path("volumeClaimTemplates").forEach(v -> volumes.add(v.path("metadata").path("name").asText()));
            for (JsonNode container : podSpec.path("containers")) {
                String at = "container " + container.path("name").asText("?");
                if (!container.path("name").isTextual() || !container.path("image").isTextual()) {
                    problem(workload, at + " needs a name and an image");
                }
                container.path("ports").forEach(port -> {
                    if (!port.path("containerPort").isInt()) {
                        problem(workload, at + " has a port without containerPort");
                    }
                });
                for (String probe : List.of("livenessProbe", "readinessProbe")) {
                    if (!container.has(probe)) {
                        problem(workload, at + " has no " + probe);
                    }
                }
                for (String probe : List.of("livenessProbe", "readinessProbe", "startupProbe")) {
                    if (container.has(probe)) {
                        probeHandler(workload, at + " " + probe, container.get(probe), container);
                    }
                }
                for (String bound : List.of("requests", "limits")) {
                    for (String resource : List.of("cpu", "memory")) {
                        if (!container.path("resources").path(bound).has(resource)) {
                            problem(workload, at + " has no resources." + bound + "." + resource);
                        }
                    }
                }
                container.path("volumeMounts").forEach(mount -> {
                    if (!volumes.contains(mount.path("name").asText())) {
                        problem(workload, at + " mounts unknown volume " + mount.path("name").asText());
                    }
                });
            }
            if (workload.path("kind").asText().equals("StatefulSet")) {
                String serviceName = spec.path("serviceName").asText("");
                Optional<ObjectNode> governing = find("Service", serviceName);
                if (governing.isEmpty() || !governing.get().path("spec").path("clusterIP").asText().equals("None")) {
                    problem(workload, "serviceName '" + serviceName + "' is not a headless Service");
                }
            }
        }
    }

    private void probeHandler(JsonNode workload, String at, JsonNode probe, JsonNode container) {
        JsonNode http = probe.path("httpGet");
        if (http.isObject()) {
            if (!http.path("path").isTextual() || http.path("port").isMissingNode()) {
                problem(workload, at + " httpGet needs a path and a port");
            } else if (http.path("port").isTextual() && containerPortNamed(container, http.path("port").asText()) < 0) {
                problem(workload, at + " uses port '" + http.path("port").asText() + "' the container does not name");
            }
        } else if (!probe.path("tcpSocket").isObject() && !probe.path("exec").path("command").isArray()
                && !probe.path("grpc").isObject()) {
            problem(workload, at + " has no handler (httpGet, tcpSocket, exec or grpc)");
        }
    }

    // ---- services, budgets, autoscalers, network policies, monitors --------------------------------------------

    private void services() {
        for (ObjectNode service : kind("Service")) {
            Map<String, String> selector = labels(service.path("spec").path("selector"));
            if (service.path("spec").path("ports").isEmpty()) {
                problem(service, "no ports");
            }
            service.path("spec").path("ports").forEach(port -> {
                if (!port.path("port").isInt()) {
                    problem(service, "a port without 'port'");
                }
            });
            List<Pod> selected = pods.stream().filter(Pod::workload).filter(p -> matchesAll(selector, p.labels()))
                    .toList();
            if (selector.isEmpty() || selected.isEmpty()) {
                problem(service, "selector " + selector + " selects no Deployment or StatefulSet pods");
                continue;
            }
            for (JsonNode port : service.path("spec").path("ports")) {
                JsonNode target = port.path("targetPort");
                for (Pod pod : selected) {
                    boolean found = pod.containers().stream().anyMatch(c -> target.isTextual()
                            ? containerPortNamed(c, target.asText()) >= 0
                            : containerPorts(c).contains(target.isMissingNode() ? port.path("port").asInt()
                            : target.asInt()));
                    if (!found) {
                        problem(service, "targetPort " + (target.isMissingNode() ? port.path("port") : target)
                                + " is not a container port of " + Kustomize.id(pod.owner()));
                    }
                }
            }
        }
    }

    private void disruptionBudgets() {
        for (ObjectNode budget : kind("PodDisruptionBudget")) {
            JsonNode spec = budget.path("spec");
            if (spec.has("minAvailable") == spec.has("maxUnavailable")) {
                problem(budget, "needs exactly one of minAvailable and maxUnavailable");
            }
            if (pods.stream().filter(Pod::workload).noneMatch(p -> selects(spec.path("selector"), p.labels()))) {
                problem(budget, "selector selects no pods");
            }
        }
    }

    private void autoscalers() {
        Set<String> adapterMetrics = adapterMetrics();
        for (ObjectNode autoscaler : kind("HorizontalPodAutoscaler")) {
            JsonNode spec = autoscaler.path("spec");
            JsonNode target = spec.path("scaleTargetRef");
            if (!target.path("kind").asText().equals("Deployment")) {
                problem(autoscaler, "scales a " + target.path("kind").asText()
                        + " (only Deployments: the coordinator's StatefulSet is never autoscaled)");
            } else if (find("Deployment", target.path("name").asText()).isEmpty()) {
                problem(autoscaler, "scaleTargetRef names no Deployment: " + target.path("name").asText());
            }
            if (spec.path("minReplicas").asInt(1) > spec.path("maxReplicas").asInt(0)) {
                problem(autoscaler, "minReplicas above maxReplicas");
            }
            if (spec.path("metrics").isEmpty()) {
                problem(autoscaler, "no metrics");
            }
            for (JsonNode metric : spec.path("metrics")) {
                String type = metric.path("type").asText();
                if (type.equals("Pods") || type.equals("External") || type.equals("Object")) {
                    String name = metric.path(type.substring(0, 1).toLowerCase() + type.substring(1))
                            .path("metric").path("name").asText();
                    if (!adapterMetrics.contains(type + ":" + name)) {
                        problem(autoscaler, type + " metric '" + name + "' has no Prometheus adapter rule in"
                                + " k8s/platform/prometheus-adapter-values.yaml");
                    }
                }
            }
        }
    }

    /** "Pods:name" for the adapter's custom rules, "External:name" for its external rules. */
    private Set<String> adapterMetrics() {
        Set<String> metrics = new TreeSet<>();
        JsonNode rules = Yaml.single(repo.k8s.resolve("platform/prometheus-adapter-values.yaml")).path("rules");
        rules.path("custom").forEach(r -> metrics.add("Pods:" + r.path("name").path("as").asText()));
        rules.path("external").forEach(r -> metrics.add("External:" + r.path("name").path("as").asText()));
        return metrics;
    }

    private void networkPolicies() {
        for (ObjectNode policy : kind("NetworkPolicy")) {
            JsonNode spec = policy.path("spec");
            if (!spec.has("podSelector")) {
                problem(policy, "no podSelector");
                continue;
            }
            List<Pod> selected = pods.stream().filter(p -> selects(spec.path("podSelector"), p.labels())).toList();
            if (selected.isEmpty()) {
                problem(policy, "podSelector selects no pods");
            }
            for (JsonNode rule : spec.path("ingress")) {
                for (JsonNode peer : rule.path("from")) {
                    if (peer.has("podSelector") && !peer.has("namespaceSelector")) {
                        peerSelectsPods(policy, peer.path("podSelector"));
                    }
                }
                for (JsonNode port : rule.path("ports")) {
                    int number = port.path("port").asInt(-1);
                    boolean workloadsOnly = selected.stream().allMatch(Pod::workload);
                    if (number > 0 && workloadsOnly && !selected.isEmpty() && selected.stream()
                            .flatMap(p -> p.containers().stream()).noneMatch(c -> containerPorts(c).contains(number))) {
                        problem(policy, "port " + number + " is not a container port of any selected pod");
                    }
                }
            }
        }
    }

    /** Each value of an In expression (and the matchLabels) must name pods that exist. */
    private void peerSelectsPods(JsonNode policy, JsonNode selector) {
        if (pods.stream().noneMatch(p -> selects(selector, p.labels()))) {
            problem(policy, "peer podSelector " + selector + " selects no pods");
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            if (expression.path("operator").asText().equals("In")) {
                for (JsonNode value : expression.path("values")) {
                    String key = expression.path("key").asText();
                    if (pods.stream().noneMatch(p -> value.asText().equals(p.labels().get(key)))) {
                        problem(policy, "peer selector value " + key + "=" + value.asText() + " matches no pods");
                    }
                }
            }
        }
    }

    private void podMonitors() {
        for (ObjectNode monitor : kind("PodMonitor")) {
            if (pods.stream().noneMatch(p -> selects(monitor.path("spec").path("selector"), p.labels()))) {
                problem(monitor, "selector selects no pods");
            }
            if (monitor.path("spec").path("podMetricsEndpoints").isEmpty()) {
                problem(monitor, "no podMetricsEndpoints");
            }
        }
    }

    private void serviceMonitors() {
        for (ObjectNode monitor : kind("ServiceMonitor")) {
            JsonNode spec = monitor.path("spec");
            List<ObjectNode> services = kind("Service").stream()
                    .filter(s -> selects(spec.path("selector"), labels(s.path("metadata").path("labels")))).toList();
            if (services.isEmpty()) {
                problem(monitor, "selector selects no Service");
            }
            if (spec.path("endpoints").isEmpty()) {
                problem(monitor, "no endpoints");
            }
            for (JsonNode endpoint : spec.path("endpoints")) {
                String port = endpoint.path("port").asText("");
                String path = endpoint.path("path").asText("");
                for (ObjectNode service : services) {
                    boolean named = false;
                    for (JsonNode servicePort : service.path("spec").path("ports")) {
                        named |= servicePort.path("name").asText().equals(port);
                    }
                    if (!named) {
                        problem(monitor, "endpoint port '" + port + "' is not a port name of Service " + name(service));
                    }
                    String app = service.path("spec").path("selector").path("app").asText();
                    Optional<Repo.AppConfig> config = repo.app(app);
                    if (path.equals("/actuator/prometheus") && config.isPresent()
                            && !config.get().exposedEndpoints().contains("prometheus")) {
                        problem(monitor, "scrapes /actuator/prometheus but " + app + " does not expose prometheus ("
                                + repo.root.relativize(config.get().file) + ")");
                    } else if (!path.equals("/actuator/prometheus")) {
                        problem(monitor, "endpoint path '" + path + "' is not /actuator/prometheus");
                    }
                }
            }
        }
    }

    // ---- apps: probes, ports, properties, URLs -------------------------------------------------------------------

    private void apps() {
        for (Pod pod : pods) {
            if (!pod.workload()) {
                continue;
            }
            String app = pod.app();
            Optional<Repo.AppConfig> found = repo.app(app);
            if (found.isEmpty()) {
                problem(pod.owner(), "app '" + app + "' has no src/main/resources/" + app + ".yml in the repository");
                continue;
            }
            Repo.AppConfig config = found.get();
            String file = repo.root.relativize(config.file).toString();
            for (JsonNode container : pod.containers()) {
                if (!container.path("name").asText().equals(app)) {
                    problem(pod.owner(), "container '" + container.path("name").asText() + "' is not named after app "
                            + app);
                }
                probes(pod.owner(), container, config, file);
                int http = containerPortNamed(container, "http");
                String serverPort = config.text("server.port");
                if (http < 0) {
                    problem(pod.owner(), "container " + app + " has no port named http");
                } else if (serverPort != null && !serverPort.equals(String.valueOf(http))) {
                    problem(pod.owner(), "containerPort " + http + " but " + file + " sets server.port " + serverPort);
                }
                Map<String, String> environment = environment(pod.owner(), container);
                environment.forEach((variable, value) -> {
                    if (!config.reads(variable)) {
                        problem(pod.owner(), app + " reads no property bound by environment variable " + variable
                                + " (not in " + file + ", not a Spring Boot or Camel property)");
                    }
                    if (value != null) {
                        reference(pod.owner(), variable, value);
                    }
                });
                participantPath(pod.owner(), config, environment.get("CAMEL_LRA_LOCAL_PARTICIPANT_URL"), file);
                if (environment.containsKey("SERVER_PORT") && environment.get("SERVER_PORT") != null
                        && !environment.get("SERVER_PORT").equals(String.valueOf(http))) {
                    problem(pod.owner(), "SERVER_PORT " + environment.get("SERVER_PORT") + " is not containerPort "
                            + http);
                }
                if (!app.equals(config.text("spring.application.name"))) {
                    problem(pod.owner(), file + " names the application " + config.text("spring.application.name")
                            + ", not " + app + " (the Kafka consumer group and KafkaUser ACLs use the app name)");
                }
                kafkaCredentials(pod.owner(), container, app);
                databaseCredentials(pod.owner(), container);
            }
        }
    }

    private void probes(ObjectNode owner, JsonNode container, Repo.AppConfig config, String file) {
        Map<String, String> expected = Map.of("livenessProbe", "/actuator/health/liveness",
                "readinessProbe", "/actuator/health/readiness", "startupProbe", "/actuator/health/liveness");
        expected.forEach((probe, path) -> {
            if (container.has(probe) && !container.path(probe).path("httpGet").path("path").asText().equals(path)) {
                problem(owner, probe + " must use " + path);
            }
        });
        if (!config.probesEnabled()) {
            problem(owner, file + " does not set management.endpoint.health.probes.enabled: true, so "
                    + "/actuator/health/liveness and /readiness do not exist");
        }
        if (!config.exposedEndpoints().contains("health")) {
            problem(owner, file + " does not expose the health endpoint");
        }
    }

    /** Every variable the container gets (value null when it comes from a Secret), ConfigMaps included. */
    private Map<String, String> environment(ObjectNode owner, JsonNode container) {
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode source : container.path("envFrom")) {
            if (source.has("configMapRef")) {
                String name = source.path("configMapRef").path("name").asText();
                Optional<ObjectNode> configMap = find("ConfigMap", name);
                if (configMap.isEmpty()) {
                    problem(owner, "envFrom ConfigMap " + name + " does not exist");
                    continue;
                }
                configMap.get().path("data").fields().forEachRemaining(f -> environment.put(f.getKey(),
                        f.getValue().asText()));
            } else {
                problem(owner, "envFrom other than a configMapRef: name Secret keys one by one in env");
            }
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode from = variable.path("valueFrom");
            if (from.has("configMapKeyRef")) {
                String name = from.path("configMapKeyRef").path("name").asText();
                String key = from.path("configMapKeyRef").path("key").asText();
                Optional<ObjectNode> configMap = find("ConfigMap", name);
                if (configMap.isEmpty() || !configMap.get().path("data").has(key)) {
                    problem(owner, "env " + variable.path("name").asText() + " refers to missing ConfigMap key "
                            + name + "/" + key);
                }
            }
            environment.put(variable.path("name").asText(), variable.has("value")
                    ? variable.path("value").asText() : null);
        }
        return environment;
    }

    /**
     * camel-lra serves the participant endpoints under the path of the app's own local-participant-url (the hub's
     * REST context path): a Kubernetes address must keep that path, or every LRA callback gets a 404.
     */
    private void participantPath(ObjectNode owner, Repo.AppConfig config, String value, String file) {
        String configured = config.text("camel.lra.local-participant-url");
        if (value == null || configured == null) {
            return;
        }
        String expected = path(config.resolve(configured));
        if (!expected.equals(path(value))) {
            problem(owner, "CAMEL_LRA_LOCAL_PARTICIPANT_URL=" + value + " drops the path '" + expected + "' of "
                    + file + "'s camel.lra.local-participant-url");
        }
    }

    private static String path(String url) {
        Matcher matcher = Pattern.compile("^[a-z]+://[^/]+(/.*?)?/?$").matcher(url);
        return matcher.matches() && matcher.group(1) != null ? matcher.group(1) : "";
    }

    /** Service URLs must name a Service and one of its ports; Kafka bootstrap addresses a listener. */
    private void reference(ObjectNode owner, String variable, String value) {
        Matcher http = HTTP_URL.matcher(value);
        if (http.matches()) {
            Optional<ObjectNode> service = find("Service", http.group(1));
            boolean port = service.isPresent() && stream(service.get().path("spec").path("ports"))
                    .anyMatch(p -> p.path("port").asInt() == Integer.parseInt(http.group(2)));
            if (!port) {
                problem(owner, variable + "=" + value + " names no Service with that port");
            }
        }
        for (String address : value.split(",")) {
            Matcher bootstrap = KAFKA_BOOTSTRAP.matcher(address.trim());
            if (bootstrap.matches()) {
                Optional<ObjectNode> kafka = find("Kafka", bootstrap.group(1));
                boolean listener = kafka.isPresent() && stream(kafka.get().path("spec").path("kafka").path("listeners"))
                        .anyMatch(l -> l.path("port").asInt() == Integer.parseInt(bootstrap.group(2))
                                && l.path("type").asText().equals("internal"));
                if (!listener) {
                    problem(owner, variable + "=" + value + " is no internal listener of a Kafka cluster");
                }
            }
        }
    }

    private void kafkaCredentials(ObjectNode owner, JsonNode container, String app) {
        for (JsonNode variable : container.path("env")) {
            if (variable.path("name").asText().equals("CAMEL_COMPONENT_KAFKA_SASL_JAAS_CONFIG")) {
                String secret = variable.path("valueFrom").path("secretKeyRef").path("name").asText();
                if (!secret.equals(app) || find("KafkaUser", secret).isEmpty()) {
                    problem(owner, "Kafka credentials must come from the Secret of KafkaUser '" + app + "', not '"
                            + secret + "'");
                }
            }
        }
    }

    private void databaseCredentials(ObjectNode owner, JsonNode container) {
        for (JsonNode variable : container.path("env")) {
            if (!variable.path("name").asText().equals("SPRING_DATASOURCE_PASSWORD")) {
                continue;
            }
            String secret = variable.path("valueFrom").path("secretKeyRef").path("name").asText();
            Set<String> roles = new TreeSet<>();
            for (ObjectNode cluster : cnpg("Cluster")) {
                cluster.path("spec").path("managed").path("roles").forEach(role -> {
                    if (role.path("passwordSecret").path("name").asText().equals(secret)) {
                        roles.add(role.path("name").asText());
                    }
                });
                JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
                if (initdb.path("secret").path("name").asText().equals(secret)) {
                    roles.add(initdb.path("owner").asText());
                }
            }
            boolean owns = cnpg("Database").stream().anyMatch(d -> roles.contains(d.path("spec").path("owner").asText()));
            if (roles.isEmpty() || !owns) {
                problem(owner, "database Secret " + secret + " is the password of no PostgreSQL role owning a Database");
            }
        }
    }

    // ---- Kafka ------------------------------------------------------------------------------------------------

    private void kafka() {
        Set<String> clusters = new TreeSet<>();
        kind("Kafka").forEach(k -> clusters.add(name(k)));
        Map<String, ObjectNode> topics = new LinkedHashMap<>();
        for (ObjectNode topic : kind("KafkaTopic")) {
            topics.put(topic.path("spec").path("topicName").asText(name(topic)), topic);
            if (topic.path("spec").path("partitions").asInt(0) < 1) {
                problem(topic, "spec.partitions must be at least 1");
            }
        }
        for (ObjectNode kafka : kind("Kafka")) {
            if (kafka.path("spec").path("kafka").path("listeners").isEmpty()) {
                problem(kafka, "no listeners");
            }
            if (kinds(Set.of("KafkaNodePool")).stream().noneMatch(p -> cluster(p).equals(name(kafka)))) {
                problem(kafka, "no KafkaNodePool (KRaft needs controller and broker nodes)");
            }
        }
        for (ObjectNode owned : kinds(Set.of("KafkaTopic", "KafkaUser", "KafkaNodePool"))) {
            if (!clusters.contains(cluster(owned))) {
                problem(owned, "label strimzi.io/cluster names no Kafka: '" + cluster(owned) + "'");
            }
        }
        for (ObjectNode pool : kind("KafkaNodePool")) {
            if (pool.path("spec").path("replicas").asInt(0) < 1 || pool.path("spec").path("roles").isEmpty()) {
                problem(pool, "needs replicas and roles");
            }
        }
        String suffix = repo.deadLetterSuffix();
        repo.topicConstants().forEach((constant, topic) -> {
            for (String name : List.of(topic, topic + suffix)) {
                if (!topics.containsKey(name)) {
                    problems.add("Topics." + constant + ": no KafkaTopic for " + name);
                }
            }
        });
        for (ObjectNode user : kind("KafkaUser")) {
            kafkaUser(user, topics.keySet(), suffix);
        }
    }

    private void kafkaUser(ObjectNode user, Set<String> topics, String suffix) {
        String name = name(user);
        JsonNode spec = user.path("spec");
        if (!spec.path("authentication").path("type").asText().equals("scram-sha-512")) {
            problem(user, "authentication must be scram-sha-512");
        }
        Set<String> reads = new TreeSet<>();
        Set<String> writes = new TreeSet<>();
        Set<String> groups = new TreeSet<>();
        for (JsonNode acl : spec.path("authorization").path("acls")) {
            JsonNode resource = acl.path("resource");
            String type = resource.path("type").asText();
            String resourceName = resource.path("name").asText();
            boolean prefix = resource.path("patternType").asText("literal").equals("prefix");
            Set<String> operations = new TreeSet<>();
            acl.path("operations").forEach(o -> operations.add(o.asText()));
            if (type.equals("topic")) {
                if (prefix ? topics.stream().noneMatch(t -> t.startsWith(resourceName)) : !topics.contains(resourceName)) {
                    problem(user, "ACL on topic " + resourceName + " that has no KafkaTopic");
                }
                if (operations.contains("Read")) {
                    reads.add(resourceName);
                }
                if (operations.contains("Write")) {
                    writes.add(resourceName);
                }
                if (operations.contains("All") || operations.contains("Delete") || operations.contains("Alter")) {
                    problem(user, "ACL on topic " + resourceName + " grants more than read/write/describe");
                }
            } else if (type.equals("group")) {
                groups.add(resourceName + (prefix ? "*" : ""));
            } else {
                problem(user, "ACL on a " + type + " resource");
            }
        }
        String principal = user.path("metadata").path("labels").path("mobility-hub/kafka-principal").asText();
        Map<String, String> constants = repo.topicConstants();
        if (principal.equals("partner")) {
            for (String topic : union(reads, writes)) {
                if (!topic.startsWith("partner.")) {
                    problem(user, "a partner may only use partner.* topics, not " + topic);
                }
            }
            groups.stream().filter(g -> !g.startsWith(name + "-")).forEach(g -> problem(user,
                    "a partner's consumer groups must be prefixed with its name, not " + g));
        } else if (principal.equals("service")) {
            Set<String> owned = new TreeSet<>();
            OWNED_TOPICS.getOrDefault(name, Set.of()).forEach(c -> owned.add(constants.get(c)));
            if (owned.isEmpty()) {
                problem(user, "no topics are known to be owned by '" + name + "'");
            }
            for (String topic : writes) {
                boolean deadLetterOfRead = topic.endsWith(suffix)
                        && reads.contains(topic.substring(0, topic.length() - suffix.length()));
                if (!owned.contains(topic) && !deadLetterOfRead) {
                    problem(user, "may write only its own topics " + owned + " and the dead-letter topics of what it"
                            + " reads, not " + topic);
                }
            }
            for (String topic : reads) {
                if (!writes.contains(topic + suffix)) {
                    problem(user, "reads " + topic + " but may not write its dead letters to " + topic + suffix);
                }
            }
            if (!groups.equals(Set.of(name))) {
                problem(user, "must read exactly its own consumer group '" + name + "', has " + groups);
            }
            repo.app(name).ifPresent(app -> {
                app.consumedTopicConstants().forEach(c -> {
                    if (!reads.contains(constants.get(c))) {
                        problem(user, name + " consumes Topics." + c + " in its code but has no Read ACL on it");
                    }
                });
                app.producedTopicConstants().forEach(c -> {
                    if (!writes.contains(constants.get(c))) {
                        problem(user, name + " publishes Topics." + c + " in its code but has no Write ACL on it");
                    }
                });
            });
        } else {
            problem(user, "label mobility-hub/kafka-principal must be 'service' or 'partner'");
        }
    }

    // ---- PostgreSQL (CloudNativePG), structural ---------------------------------------------------------------

    private void postgres() {
        Set<String> clusters = new TreeSet<>();
        Set<String> roles = new TreeSet<>();
        Set<String> plugins = new TreeSet<>();
        for (ObjectNode cluster : cnpg("Cluster")) {
            clusters.add(name(cluster));
            JsonNode spec = cluster.path("spec");
            if (spec.path("instances").asInt(0) < 1) {
                problem(cluster, "spec.instances must be at least 1");
            }
            if (!spec.path("storage").path("size").isTextual()) {
                problem(cluster, "spec.storage.size is required");
            }
            spec.path("managed").path("roles").forEach(r -> roles.add(r.path("name").asText()));
            if (spec.path("bootstrap").path("initdb").has("owner")) {
                roles.add(spec.path("bootstrap").path("initdb").path("owner").asText());
            }
            for (JsonNode plugin : spec.path("plugins")) {
                plugins.add(plugin.path("name").asText());
                String store = plugin.path("parameters").path("barmanObjectName").asText("");
                if (!store.isEmpty() && objects.stream().noneMatch(o -> o.path("kind").asText().equals("ObjectStore")
                        && name(o).equals(store))) {
                    problem(cluster, "plugin " + plugin.path("name").asText() + " names no ObjectStore " + store);
                }
            }
        }
        for (ObjectNode database : cnpg("Database")) {
            JsonNode spec = database.path("spec");
            for (String field : List.of("name", "owner")) {
                if (!spec.path(field).isTextual()) {
                    problem(database, "spec." + field + " is required");
                }
            }
            if (!clusters.contains(spec.path("cluster").path("name").asText())) {
                problem(database, "spec.cluster.name names no Cluster");
            }
            if (!roles.contains(spec.path("owner").asText())) {
                problem(database, "owner " + spec.path("owner").asText() + " is no managed or bootstrap role");
            }
        }
        for (ObjectNode backup : cnpg("ScheduledBackup")) {
            JsonNode spec = backup.path("spec");
            if (spec.path("schedule").asText("").trim().split("\\s+").length != 6) {
                problem(backup, "spec.schedule must be a six-field cron expression (seconds first)");
            }
            if (!clusters.contains(spec.path("cluster").path("name").asText())) {
                problem(backup, "spec.cluster.name names no Cluster");
            }
            if (spec.path("method").asText().equals("plugin")
                    && !plugins.contains(spec.path("pluginConfiguration").path("name").asText())) {
                problem(backup, "method plugin, but no Cluster uses plugin "
                        + spec.path("pluginConfiguration").path("name").asText());
            }
        }
        for (ObjectNode store : kind("ObjectStore")) {
            if (!store.path("spec").path("configuration").path("destinationPath").isTextual()) {
                problem(store, "spec.configuration.destinationPath is required");
            }
            if (!RETENTION.matcher(store.path("spec").path("retentionPolicy").asText("")).matches()) {
                problem(store, "spec.retentionPolicy must look like 30d");
            }
        }
    }

    // ---- Istio ----------------------------------------------------------------------------------------------

    private void istio() {
        for (ObjectNode rule : istio("DestinationRule")) {
            String host = rule.path("spec").path("host").asText("");
            Optional<ObjectNode> service = find("Service", host);
            if (service.isEmpty()) {
                problem(rule, "host " + host + " is no Service");
                continue;
            }
            Map<String, String> selector = new LinkedHashMap<>(labels(service.get().path("spec").path("selector")));
            for (JsonNode subset : rule.path("spec").path("subsets")) {
                Map<String, String> wanted = new LinkedHashMap<>(selector);
                Map<String, String> subsetLabels = labels(subset.path("labels"));
                if (subsetLabels.keySet().stream().anyMatch(k -> selector.containsKey(k)
                        && !selector.get(k).equals(subsetLabels.get(k)))) {
                    problem(rule, "subset " + subset.path("name").asText() + " conflicts with Service " + host
                            + "'s selector " + selector + ": it can have no endpoints");
                }
                wanted.putAll(subsetLabels);
                if (pods.stream().filter(Pod::workload).noneMatch(p -> matchesAll(wanted, p.labels()))) {
                    problem(rule, "subset " + subset.path("name").asText() + " selects no pods");
                }
            }
        }
        for (ObjectNode service : istio("VirtualService")) {
            JsonNode spec = service.path("spec");
            if (spec.path("hosts").isEmpty()) {
                problem(service, "spec.hosts is required");
            }
            for (JsonNode gateway : spec.path("gateways")) {
                if (!gateway.asText().equals("mesh") && istio("Gateway").stream()
                        .noneMatch(g -> name(g).equals(gateway.asText()))) {
                    problem(service, "gateway " + gateway.asText() + " does not exist");
                }
            }
            for (JsonNode route : spec.path("http")) {
                int weights = 0;
                for (JsonNode destination : route.path("route")) {
                    weights += destination.path("weight").asInt(0);
                    String host = destination.path("destination").path("host").asText();
                    String subset = destination.path("destination").path("subset").asText("");
                    if (find("Service", host).isEmpty()) {
                        problem(service, "destination host " + host + " is no Service");
                    }
                    if (!subset.isEmpty() && istio("DestinationRule").stream().noneMatch(r -> r.path("spec")
                            .path("host").asText().equals(host) && stream(r.path("spec").path("subsets"))
                            .anyMatch(s -> s.path("name").asText().equals(subset)))) {
                        problem(service, "subset " + subset + " of " + host + " is defined by no DestinationRule");
                    }
                }
                if (route.path("route").size() > 1 && weights != 100) {
                    problem(service, "route " + route.path("name").asText() + " weights add up to " + weights);
                }
            }
        }
    }

    // ---- dashboards, secrets ----------------------------------------------------------------------------------

    private void dashboards() {
        ObjectMapper json = new ObjectMapper();
        for (ObjectNode configMap : kind("ConfigMap")) {
            if (!configMap.path("metadata").path("labels").path("grafana_dashboard").asText().equals("1")) {
                continue;
            }
            configMap.path("data").fields().forEachRemaining(entry -> {
                try {
                    JsonNode dashboard = json.readTree(entry.getValue().asText());
                    if (dashboard.path("panels").isEmpty()) {
                        problem(configMap, entry.getKey() + " has no panels");
                    }
                    for (JsonNode panel : dashboard.path("panels")) {
                        if (stream(panel.path("targets")).noneMatch(t -> !t.path("expr").asText("").isBlank())) {
                            problem(configMap, "panel '" + panel.path("title").asText() + "' has no PromQL");
                        }
                    }
                } catch (Exception e) {
                    problem(configMap, entry.getKey() + " is not valid JSON: " + e.getMessage());
                }
            });
        }
    }

    /**
     * Every Secret the manifests use is written by an operator (a KafkaUser's, Strimzi's cluster CA) or listed,
     * with its keys, in k8s/README.md for the operator to create.
     */
    private void secrets() {
        Map<String, Set<String>> used = new LinkedHashMap<>();
        Map<String, ObjectNode> users = new LinkedHashMap<>();
        for (ObjectNode object : objects) {
            if (WORKLOADS.contains(object.path("kind").asText())) {
                JsonNode podSpec = object.path("spec").path("template").path("spec");
                for (JsonNode container : podSpec.path("containers")) {
                    for (JsonNode variable : container.path("env")) {
                        JsonNode ref = variable.path("valueFrom").path("secretKeyRef");
                        if (ref.isObject()) {
                            use(used, users, object, ref.path("name").asText(), ref.path("key").asText());
                        }
                    }
                }
                for (JsonNode volume : podSpec.path("volumes")) {
                    JsonNode secret = volume.path("secret");
                    if (secret.isObject()) {
                        String name = secret.path("secretName").asText();
                        if (secret.path("items").isEmpty()) {
                            use(used, users, object, name, null);
                        }
                        secret.path("items").forEach(i -> use(used, users, object, name, i.path("key").asText()));
                    }
                }
            }
        }
        for (ObjectNode cluster : cnpg("Cluster")) {
            cluster.path("spec").path("managed").path("roles").forEach(r -> {
                use(used, users, cluster, r.path("passwordSecret").path("name").asText(), "username");
                use(used, users, cluster, r.path("passwordSecret").path("name").asText(), "password");
            });
            JsonNode initdb = cluster.path("spec").path("bootstrap").path("initdb");
            if (initdb.has("secret")) {
                use(used, users, cluster, initdb.path("secret").path("name").asText(), "username");
                use(used, users, cluster, initdb.path("secret").path("name").asText(), "password");
            }
        }
        for (ObjectNode store : kind("ObjectStore")) {
            store.path("spec").path("configuration").path("s3Credentials").forEach(ref -> use(used, users, store,
                    ref.path("name").asText(), ref.path("key").asText()));
        }
        for (ObjectNode gateway : istio("Gateway")) {
            gateway.path("spec").path("servers").forEach(server -> {
                if (server.path("tls").has("credentialName")) {
                    use(used, users, gateway, server.path("tls").path("credentialName").asText(), null);
                }
            });
        }
        Set<String> kafkaUsers = new TreeSet<>();
        kind("KafkaUser").forEach(u -> kafkaUsers.add(name(u)));
        Set<String> clusterCas = new TreeSet<>();
        kind("Kafka").forEach(k -> clusterCas.add(name(k) + "-cluster-ca-cert"));
        List<String> readme = repo.k8sReadme().lines().toList();
        used.forEach((secret, keys) -> {
            if (kafkaUsers.contains(secret)) {
                keys.stream().filter(k -> !KAFKA_USER_SECRET_KEYS.contains(k)).forEach(k -> problem(users.get(secret),
                        "Secret " + secret + " of KafkaUser " + secret + " has no key " + k));
            } else if (clusterCas.contains(secret)) {
                keys.stream().filter(k -> !k.equals("ca.crt")).forEach(k -> problem(users.get(secret),
                        "cluster CA Secret " + secret + " has no key " + k));
            } else {
                Predicate<String> documents = line -> line.contains("`" + secret + "`")
                        && keys.stream().allMatch(k -> line.contains("`" + k + "`"));
                if (readme.stream().noneMatch(documents)) {
                    problem(users.get(secret), "Secret " + secret + " (keys " + keys + ") is written by no operator and"
                            + " not listed with its keys in k8s/README.md");
                }
            }
        });
    }

    private static void use(Map<String, Set<String>> used, Map<String, ObjectNode> users, ObjectNode by, String secret,
            String key) {
        Set<String> keys = used.computeIfAbsent(secret, s -> new TreeSet<>());
        if (key != null) {
            keys.add(key);
        }
        users.putIfAbsent(secret, by);
    }

    // ---- helpers ------------------------------------------------------------------------------------------------

    private List<ObjectNode> kind(String kind) {
        return objects.stream().filter(o -> o.path("kind").asText().equals(kind)).toList();
    }

    private List<ObjectNode> kinds(Set<String> kinds) {
        return objects.stream().filter(o -> kinds.contains(o.path("kind").asText())).toList();
    }

    private List<ObjectNode> cnpg(String kind) {
        return kind(kind).stream().filter(o -> Kustomize.group(o).equals("postgresql.cnpg.io")).toList();
    }

    private List<ObjectNode> istio(String kind) {
        return kind(kind).stream().filter(o -> Kustomize.group(o).equals("networking.istio.io")).toList();
    }

    private Optional<ObjectNode> find(String kind, String name) {
        return kind(kind).stream().filter(o -> name(o).equals(name)).findFirst();
    }

    private static String name(JsonNode object) {
        return object.path("metadata").path("name").asText();
    }

    private static String cluster(JsonNode object) {
        return object.path("metadata").path("labels").path("strimzi.io/cluster").asText("");
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.fields().forEachRemaining(f -> labels.put(f.getKey(), f.getValue().asText()));
        return labels;
    }

    private static boolean matchesAll(Map<String, String> selector, Map<String, String> labels) {
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    /** A LabelSelector (matchLabels and matchExpressions); an empty selector selects everything. */
    static boolean selects(JsonNode selector, Map<String, String> labels) {
        if (!matchesAll(labels(selector.path("matchLabels")), labels)) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            Set<String> values = new LinkedHashSet<>();
            expression.path("values").forEach(v -> values.add(v.asText()));
            boolean matches = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    private static int containerPortNamed(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (port.path("name").asText().equals(name)) {
                return port.path("containerPort").asInt();
            }
        }
        return -1;
    }

    private static Set<Integer> containerPorts(JsonNode container) {
        Set<Integer> ports = new TreeSet<>();
        container.path("ports").forEach(p -> ports.add(p.path("containerPort").asInt()));
        return ports;
    }

    private static java.util.stream.Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items.stream();
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> union = new TreeSet<>(a);
        union.addAll(b);
        return union;
    }
}
