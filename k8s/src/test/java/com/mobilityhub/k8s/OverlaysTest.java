package com.mobilityhub.k8s;

import static com.mobilityhub.k8s.Overlays.all;
import static com.mobilityhub.k8s.Overlays.environment;
import static com.mobilityhub.k8s.Overlays.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Both overlays render, pass every check, and say what the production deployment promises. */
class OverlaysTest {

    private static final List<String> SERVICES = List.of(
            "user-service", "vehicle-service", "trip-service", "billing-service", "notification-service");
    private static final List<String> APPS = List.of(
            "hub", "user-service", "vehicle-service", "trip-service", "billing-service", "notification-service",
            "lra-coordinator");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectOfTheOverlayPassesEveryCheck(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);

        assertThat(ManifestChecks.check(objects, Overlays.REPO)).isEmpty();
        assertThat(objects).allSatisfy(o -> assertThat(Models.TYPED.containsKey(Models.key(o))
                || Models.STRUCTURAL.contains(Models.key(o))).as(Models.key(o)).isTrue());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAppRunsWithItsProbesResourcesLabelsServiceBudgetAndMonitor(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        for (String app : APPS) {
            List<ObjectNode> workloads = new ArrayList<>();
            for (String kind : List.of("Deployment", "StatefulSet")) {
                all(objects, kind).stream()
                        .filter(w -> w.path("spec").path("template").path("metadata").path("labels").path("app").asText()
                                .equals(app))
                        .forEach(workloads::add);
            }
            assertThat(workloads).as(app).isNotEmpty();
            for (ObjectNode workload : workloads) {
                JsonNode template = workload.path("spec").path("template");
                assertThat(template.path("metadata").path("labels").has("version")).isTrue();
                JsonNode container = template.path("spec").path("containers").get(0);
                assertThat(container.path("resources").toString()).isEqualTo(
                        "{\"requests\":{\"cpu\":\"250m\",\"memory\":\"512Mi\"},\"limits\":{\"cpu\":\"500m\",\"memory\":\"1Gi\"}}");
                assertThat(container.path("livenessProbe").path("httpGet").path("path").asText())
                        .isEqualTo("/actuator/health/liveness");
                assertThat(container.path("readinessProbe").path("httpGet").path("path").asText())
                        .isEqualTo("/actuator/health/readiness");
                assertThat(container.path("livenessProbe").path("initialDelaySeconds").asInt()).isPositive();
                assertThat(container.path("readinessProbe").path("initialDelaySeconds").asInt()).isPositive();
                assertThat(template.path("spec").path("securityContext").path("runAsNonRoot").asBoolean()).isTrue();
            }
            assertThat(get(objects, "Service", app)).isNotNull();
            assertThat(get(objects, "PodDisruptionBudget", app)).isNotNull();
            assertThat(get(objects, "ServiceMonitor", app).path("spec").path("endpoints").get(0).path("path").asText())
                    .isEqualTo("/actuator/prometheus");
        }
    }

    @Test
    void prodRollsOutWithTwoExtraPodsAndOneUnavailable() {
        List<ObjectNode> deployments = all(Overlays.render("prod"), "Deployment");

        assertThat(deployments).hasSize(7).allSatisfy(d -> {
            assertThat(d.path("spec").path("strategy").path("type").asText()).isEqualTo("RollingUpdate");
            assertThat(d.path("spec").path("strategy").path("rollingUpdate").toString())
                    .isEqualTo("{\"maxSurge\":2,\"maxUnavailable\":1}");
        });
    }

    @Test
    void prodAutoscalesTheHubAndBusyServicesFromThreeToTwentyOnFiveSignals() {
        List<ObjectNode> autoscalers = all(Overlays.render("prod"), "HorizontalPodAutoscaler");

        assertThat(autoscalers).extracting(h -> h.path("spec").path("scaleTargetRef").path("name").asText())
                .containsExactlyInAnyOrder("hub-v1", "hub-v2", "user-service", "vehicle-service", "trip-service");
        for (ObjectNode autoscaler : autoscalers) {
            JsonNode spec = autoscaler.path("spec");
            assertThat(spec.path("minReplicas").asInt()).isEqualTo(3);
            assertThat(spec.path("maxReplicas").asInt()).isEqualTo(20);
            List<String> signals = new ArrayList<>();
            for (JsonNode metric : spec.path("metrics")) {
                switch (metric.path("type").asText()) {
                    case "Resource" -> signals.add(metric.path("resource").path("name").asText() + "="
                            + metric.path("resource").path("target").path("averageUtilization").asInt());
                    case "Pods" -> signals.add(metric.path("pods").path("metric").path("name").asText() + "="
                            + metric.path("pods").path("target").path("averageValue").asText());
                    case "External" -> signals.add(metric.path("external").path("metric").path("name").asText() + "{"
                            + metric.path("external").path("metric").path("selector").path("matchLabels")
                            .path("consumergroup").asText() + "}");
                    default -> signals.add(metric.path("type").asText());
                }
            }
            String app = autoscaler.path("metadata").path("labels").path("app").asText();
            assertThat(signals).containsExactly("cpu=70", "memory=80", "http_server_requests_per_second=100",
                    "http_server_requests_p95_seconds=500m", "kafka_consumergroup_lag{" + app + "}");
        }
    }

    @Test
    void devKeepsOneToThreePods() {
        assertThat(all(Overlays.render("dev"), "HorizontalPodAutoscaler")).allSatisfy(h -> {
            assertThat(h.path("spec").path("minReplicas").asInt()).isEqualTo(1);
            assertThat(h.path("spec").path("maxReplicas").asInt()).isEqualTo(3);
        });
    }

    @Test
    void servicesAndCoordinatorListenOnEveryInterfaceAndTheHubFindsThemByServiceName() {
        List<ObjectNode> objects = Overlays.render("prod");

        for (String service : SERVICES) {
            Map<String, String> environment = environment(objects, get(objects, "Deployment", service));
            assertThat(environment).containsEntry("SERVICE_BIND_ADDRESS", "0.0.0.0")
                    .containsEntry("SPRING_DATASOURCE_PASSWORD", "secret:" + databaseSecret(service) + "/password")
                    .containsEntry("CAMEL_COMPONENT_KAFKA_SASL_JAAS_CONFIG", "secret:" + service + "/sasl.jaas.config");
        }
        assertThat(environment(objects, get(objects, "StatefulSet", "lra-coordinator")))
                .containsEntry("COORDINATOR_BIND_ADDRESS", "0.0.0.0")
                .containsEntry("MOBILITY_COORDINATOR_OBJECT_STORE_DIR", "/var/lib/lra-coordinator/object-store");
        for (String slot : List.of("hub-v1", "hub-v2")) {
            assertThat(environment(objects, get(objects, "Deployment", slot)))
                    .containsEntry("MOBILITY_SERVICES_USERS_URL", "http://user-service:8081")
                    .containsEntry("MOBILITY_SERVICES_VEHICLES_URL", "http://vehicle-service:8082")
                    .containsEntry("MOBILITY_SERVICES_TRIPS_URL", "http://trip-service:8083")
                    .containsEntry("MOBILITY_SERVICES_BILLING_URL", "http://billing-service:8084")
                    .containsEntry("MOBILITY_SERVICES_NOTIFICATIONS_URL", "http://notification-service:8085")
                    .containsEntry("CAMEL_LRA_COORDINATOR_URL", "http://lra-coordinator:8090")
                    .containsEntry("CAMEL_LRA_LOCAL_PARTICIPANT_URL", "http://hub:8080/api/v1")
                    .containsEntry("SPRING_DATASOURCE_URL", "secret:pg-hub-credentials/jdbc-url");
        }
    }

    @Test
    void theCoordinatorIsOneStatefulPodWithItsOwnVolumeReachableOnlyFromHubAndServices() {
        List<ObjectNode> objects = Overlays.render("prod");
        ObjectNode coordinator = get(objects, "StatefulSet", "lra-coordinator");

        assertThat(coordinator.path("spec").path("replicas").asInt()).isEqualTo(1);
        JsonNode claim = coordinator.path("spec").path("volumeClaimTemplates").get(0);
        assertThat(claim.path("spec").path("resources").path("requests").path("storage").asText()).isEqualTo("10Gi");
        JsonNode mount = coordinator.path("spec").path("template").path("spec").path("containers").get(0)
                .path("volumeMounts").get(0);
        assertThat(mount.path("name").asText()).isEqualTo(claim.path("metadata").path("name").asText());
        assertThat(environment(objects, coordinator).get("MOBILITY_COORDINATOR_OBJECT_STORE_DIR"))
                .startsWith(mount.path("mountPath").asText() + "/");
        assertThat(all(objects, "HorizontalPodAutoscaler")).noneSatisfy(h -> assertThat(
                h.path("spec").path("scaleTargetRef").path("name").asText()).isEqualTo("lra-coordinator"));
        ObjectNode policy = get(objects, "NetworkPolicy", "lra-coordinator-from-hub-and-services");
        assertThat(policy.path("spec").path("ingress").get(0).path("from").get(0).path("podSelector")
                .path("matchExpressions").get(0).path("values")).extracting(JsonNode::asText)
                .containsExactlyInAnyOrder("hub", "user-service", "vehicle-service", "trip-service", "billing-service",
                        "notification-service");
    }

    @Test
    void onlyTheHubIsReachableFromTheIngressGateway() {
        List<ObjectNode> objects = Overlays.render("prod");
        List<String> fromGateway = new ArrayList<>();
        for (ObjectNode policy : all(objects, "NetworkPolicy")) {
            if (policy.path("spec").path("ingress").toString().contains("\"istio\":\"ingressgateway\"")) {
                fromGateway.add(policy.path("spec").path("podSelector").toString());
            }
        }
        assertThat(fromGateway).containsExactly("{\"matchLabels\":{\"app\":\"hub\"}}");
        assertThat(get(objects, "NetworkPolicy", "default-deny-ingress").path("spec").path("podSelector").isEmpty())
                .isTrue();
    }

    @Test
    void kafkaHasATopicForEveryContractTopicAndItsDeadLettersAndAUserPerAppAndPartner() {
        List<ObjectNode> objects = Overlays.render("prod");
        Set<String> topics = new TreeSet<>();
        all(objects, "KafkaTopic").forEach(t -> topics.add(t.path("spec").path("topicName").asText()));
        Set<String> expected = new TreeSet<>();
        Overlays.REPO.topicConstants().values().forEach(t -> {
            expected.add(t);
            expected.add(t + Overlays.REPO.deadLetterSuffix());
        });

        assertThat(topics).isEqualTo(expected);
        assertThat(all(objects, "KafkaUser")).extracting(u -> u.path("metadata").path("name").asText())
                .contains("hub", "user-service", "vehicle-service", "trip-service", "billing-service",
                        "notification-service", "partner-acme-mobility");
        ObjectNode kafka = get(objects, "Kafka", "mobility-kafka");
        assertThat(kafka.path("metadata").path("annotations").path("strimzi.io/kraft").asText()).isEqualTo("enabled");
        assertThat(get(objects, "KafkaNodePool", "dual-role").path("spec").path("roles").toString())
                .isEqualTo("[\"controller\",\"broker\"]");
    }

    @Test
    void postgresRunsThreeInstancesWithADatabasePerAppArchivedAndBackedUpForThirtyDays() {
        List<ObjectNode> objects = Overlays.render("prod");
        ObjectNode cluster = get(objects, "Cluster", "mobility-pg");

        assertThat(cluster.path("spec").path("instances").asInt()).isEqualTo(3);
        assertThat(all(objects, "Database")).extracting(d -> d.path("spec").path("name").asText() + "/"
                        + d.path("spec").path("owner").asText())
                .containsExactlyInAnyOrder("hub/hub", "users/users", "vehicles/vehicles", "trips/trips",
                        "billing/billing", "notifications/notifications");
        assertThat(cluster.path("spec").path("plugins").get(0).path("isWALArchiver").asBoolean()).isTrue();
        assertThat(cluster.path("spec").path("postgresql").path("parameters").has("max_slot_wal_keep_size")).isTrue();
        assertThat(get(objects, "ObjectStore", "mobility-pg-backups").path("spec").path("retentionPolicy").asText())
                .isEqualTo("30d");
        assertThat(get(objects, "ScheduledBackup", "mobility-pg-nightly").path("spec").path("cluster").path("name")
                .asText()).isEqualTo("mobility-pg");
        assertThat(get(Overlays.render("dev"), "Cluster", "mobility-pg").path("spec").path("instances").asInt())
                .isEqualTo(1);
    }

    @Test
    void istioSendsTheCanaryHeaderToV2AndSplitsTheRestNinetyTen() {
        List<ObjectNode> objects = Overlays.render("prod");
        JsonNode http = get(objects, "VirtualService", "hub").path("spec").path("http");

        // First: participant callbacks arriving through the edge gateway get a 404 (only the mesh carries them).
        assertThat(http.get(0).path("match").get(0).path("uri").path("prefix").asText()).isEqualTo("/api/v1/lra-participant");
        assertThat(http.get(0).path("match").get(0).path("gateways").toString()).isEqualTo("[\"mobility-gateway\"]");
        assertThat(http.get(0).path("directResponse").path("status").asInt()).isEqualTo(404);
        assertThat(http.get(1).path("match").get(0).path("headers").path("canary").path("exact").asText())
                .isEqualTo("true");
        assertThat(http.get(1).path("route").get(0).path("destination").path("subset").asText()).isEqualTo("v2");
        assertThat(http.get(2).path("name").asText()).isEqualTo("default");
        assertThat(http.get(2).path("route")).extracting(r -> r.path("destination").path("subset").asText() + "="
                + r.path("weight").asInt()).containsExactly("v1=90", "v2=10");
        for (ObjectNode rule : all(objects, "DestinationRule")) {
            JsonNode policy = rule.path("spec").path("trafficPolicy");
            assertThat(policy.path("loadBalancer").path("simple").asText()).isEqualTo("LEAST_REQUEST");
            assertThat(policy.path("outlierDetection").toString()).isEqualTo("{\"consecutive5xxErrors\":3,"
                    + "\"interval\":\"30s\",\"baseEjectionTime\":\"30s\",\"maxEjectionPercent\":50}");
            assertThat(policy.path("connectionPool").path("tcp").path("maxConnections").asInt()).isPositive();
            assertThat(policy.path("connectionPool").path("http").path("http1MaxPendingRequests").asInt()).isPositive();
        }
        assertThat(get(objects, "DestinationRule", "hub").path("spec").path("subsets"))
                .extracting(s -> s.path("name").asText()).containsExactly("v1", "v2");
    }

    @Test
    void theDashboardShowsRatesErrorsLatencySagasBreakersAndLag() throws Exception {
        ObjectNode configMap = get(Overlays.render("prod"), "ConfigMap", "mobility-hub-dashboard");
        JsonNode dashboard = new ObjectMapper().readTree(configMap.path("data").path("mobility-hub-dashboard.json")
                .asText());

        assertThat(configMap.path("metadata").path("labels").path("grafana_dashboard").asText()).isEqualTo("1");
        String queries = dashboard.path("panels").findValues("expr").toString();
        assertThat(queries).contains("http_server_requests_seconds_count", "status=~\\\"5..\\\"",
                "camel_route_policy_seconds_bucket", "camel_exchanges_total", "resilience4j_circuitbreaker_state",
                "kafka_consumer_fetch_manager_records_lag", "kafka_consumergroup_lag");
        assertThat(dashboard.path("panels").findValues("title")).extracting(JsonNode::asText)
                .anyMatch(t -> t.startsWith("Saga outcomes")).anyMatch(t -> t.startsWith("Circuit breaker"))
                .anyMatch(t -> t.startsWith("p95 latency per Camel route"));
    }

    @Test
    void prodImagesComeFromTheRegistryWithAnExplicitTag() {
        List<ObjectNode> objects = Overlays.render("prod");
        List<String> images = new ArrayList<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            all(objects, kind).forEach(w -> w.path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> images.add(c.path("image").asText())));
        }

        assertThat(images).hasSize(8).allMatch(i -> i.matches("registry\\.example\\.com/mobility-hub/[a-z-]+:[0-9][\\w.-]*"));
    }

    private static String databaseSecret(String service) {
        return switch (service) {
            case "user-service" -> "pg-users-credentials";
            case "vehicle-service" -> "pg-vehicles-credentials";
            case "trip-service" -> "pg-trips-credentials";
            case "billing-service" -> "pg-billing-credentials";
            default -> "pg-notifications-credentials";
        };
    }
}
