package com.mobilityhub.k8s;

import static com.mobilityhub.k8s.Overlays.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * Each check catches what it is there for: the prod overlay is broken in one place, and the problems that appear
 * (beyond those of the intact overlay) must name it.
 */
class ManifestChecksTest {

    private static List<String> baseline;

    @Test
    void aTypoInAFieldFailsTheStrictModel() {
        List<ObjectNode> objects = Overlays.render("prod");
        ObjectNode deployment = get(objects, "Deployment", "user-service");
        ObjectNode container = (ObjectNode) deployment.path("spec").path("template").path("spec").path("containers").get(0);
        container.set("readinesProbe", container.remove("readinessProbe"));

        assertThat(newProblems(objects)).anyMatch(p -> p.contains("apps/Deployment/mobility-prod/user-service")
                && p.contains("Unrecognized field \"readinesProbe\""));
    }

    @Test
    void aTypoInAManifestFromTextFailsToo() {
        List<ObjectNode> objects = new ArrayList<>(Overlays.render("prod"));
        objects.add(parse("""
                apiVersion: v1
                kind: Service
                metadata: {name: typo, namespace: mobility-prod}
                spec:
                  selector: {app: hub}
                  ports: [{name: http, port: 8080, targetPort: http, protocl: TCP}]
                """));
        objects.add(parse("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaTopic
                metadata: {name: typo, namespace: mobility-prod, labels: {strimzi.io/cluster: mobility-kafka}}
                spec: {partitions: "3"}
                """));
        objects.add(parse("""
                apiVersion: networking.istio.io/v1
                kind: DestinationRule
                metadata: {name: typo, namespace: mobility-prod}
                spec: {host: hub, trafficPolicy: {loadBalancer: {simple: LEAST_CONNECTIONS}}}
                """));
        objects.add(parse("""
                apiVersion: kafka.strimzi.io/v1beta2
                kind: KafkaUser
                metadata: {name: typo, namespace: mobility-prod, labels: {strimzi.io/cluster: mobility-kafka}}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls: [{resource: {type: topic, name: partner.trips.events.v1, patternType: literl}, operations: [Read]}]
                """));

        assertThat(newProblems(objects))
                .anyMatch(p -> p.contains("Service/mobility-prod/typo") && p.contains("\"protocl\""))
                .anyMatch(p -> p.contains("KafkaTopic/mobility-prod/typo") && p.contains("spec.partitions"))
                .anyMatch(p -> p.contains("DestinationRule/mobility-prod/typo") && p.contains("LEAST_CONNECTIONS"))
                .anyMatch(p -> p.contains("KafkaUser/mobility-prod/typo") && p.contains("literl"));
    }

    @Test
    void aServiceSelectingNothingIsCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "Service", "billing-service").path("spec").path("selector"))
                .put("app", "biling-service"), "Service/mobility-prod/billing-service: selector");
    }

    @Test
    void aMissingKafkaTopicIsCaught() {
        assertCaught(objects -> objects.remove(get(objects, "KafkaTopic", "mobility.trips.events.v1.dlt")),
                "Topics.TRIPS: no KafkaTopic for mobility.trips.events.v1.dlt");
    }

    @Test
    void aConfigMapKeyNoAppReadsIsCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "ConfigMap", "hub-config").path("data"))
                        .put("MOBILITY_SERVICES_USER_URL", "http://user-service:8081"),
                "hub reads no property bound by environment variable MOBILITY_SERVICES_USER_URL");
    }

    @Test
    void aUrlToAServiceOrPortThatDoesNotExistIsCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "ConfigMap", "hub-config").path("data"))
                        .put("MOBILITY_SERVICES_USERS_URL", "http://user-service:8091"),
                "MOBILITY_SERVICES_USERS_URL=http://user-service:8091 names no Service with that port");
    }

    @Test
    void aParticipantUrlWithoutTheAppsCallbackPathIsCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "ConfigMap", "hub-config").path("data"))
                        .put("CAMEL_LRA_LOCAL_PARTICIPANT_URL", "http://hub:8080"),
                "CAMEL_LRA_LOCAL_PARTICIPANT_URL=http://hub:8080 drops the path '/api/v1'");
    }

    @Test
    void aProbeOnAPathTheAppDoesNotServeIsCaught() {
        assertCaught(objects -> ((ObjectNode) container(get(objects, "StatefulSet", "lra-coordinator"))
                        .path("readinessProbe").path("httpGet")).put("path", "/health"),
                "readinessProbe must use /actuator/health/readiness");
    }

    @Test
    void aContainerPortThatIsNotTheAppsServerPortIsCaught() {
        assertCaught(objects -> ((ObjectNode) container(get(objects, "Deployment", "trip-service")).path("ports")
                        .get(0)).put("containerPort", 8080),
                "containerPort 8080 but domain-services/trip-service/src/main/resources/trip-service.yml sets server.port 8083");
    }

    @Test
    void anAutoscalerOfAMissingDeploymentOrOfTheCoordinatorIsCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "HorizontalPodAutoscaler", "trip-service").path("spec")
                .path("scaleTargetRef")).put("name", "trips"), "scaleTargetRef names no Deployment: trips");
        assertCaught(objects -> ((ObjectNode) get(objects, "HorizontalPodAutoscaler", "trip-service").path("spec")
                        .path("scaleTargetRef")).put("kind", "StatefulSet").put("name", "lra-coordinator"),
                "scales a StatefulSet");
        assertCaught(objects -> ((ObjectNode) get(objects, "HorizontalPodAutoscaler", "hub-v1").path("spec")
                        .path("metrics").get(2).path("pods").path("metric")).put("name", "requests_per_second"),
                "Pods metric 'requests_per_second' has no Prometheus adapter rule");
    }

    @Test
    void aNetworkPolicyOrPeerSelectingNoPodsIsCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "NetworkPolicy", "postgres-from-owners").path("spec")
                        .path("podSelector").path("matchLabels")).put("cnpg.io/cluster", "mobility-postgres"),
                "NetworkPolicy/mobility-prod/postgres-from-owners: podSelector selects no pods");
        assertCaught(objects -> ((ArrayNode) get(objects, "NetworkPolicy", "lra-coordinator-from-hub-and-services")
                        .path("spec").path("ingress").get(0).path("from").get(0).path("podSelector")
                        .path("matchExpressions").get(0).path("values")).add("trips-service"),
                "peer selector value app=trips-service matches no pods");
    }

    @Test
    void kafkaAclsBeyondWhatAnAppOrPartnerMayUseAreCaught() {
        assertCaught(objects -> acls(get(objects, "KafkaUser", "partner-acme-mobility")).add(parse("""
                        resource: {type: topic, name: mobility.users.events.v1, patternType: literal}
                        operations: [Read, Describe]
                        """)),
                "a partner may only use partner.* topics");
        assertCaught(objects -> ((ObjectNode) acls(get(objects, "KafkaUser", "billing-service")).get(0)
                        .path("resource")).put("name", "mobility.users.events.v1"),
                "may write only its own topics [mobility.billing.events.v1]");
        assertCaught(objects -> acls(get(objects, "KafkaUser", "notification-service")).remove(1),
                "notification-service consumes Topics.USERS in its code but has no Read ACL on it");
    }

    @Test
    void anIstioSubsetOrGatewayThatDoesNotExistIsCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "VirtualService", "hub").path("spec").path("http").get(1)
                        .path("route").get(0).path("destination")).put("subset", "v3"),
                "subset v3 of hub is defined by no DestinationRule");
        assertCaught(objects -> ((ObjectNode) get(objects, "Service", "hub").path("spec").path("selector"))
                .put("version", "v1"), "subset v2 conflicts with Service hub's selector");
    }

    @Test
    void postgresObjectsReferringToNothingAreCaught() {
        assertCaught(objects -> ((ObjectNode) get(objects, "Database", "mobility-pg-trips").path("spec"))
                .put("owner", "trip"), "owner trip is no managed or bootstrap role");
        assertCaught(objects -> ((ObjectNode) get(objects, "ScheduledBackup", "mobility-pg-nightly").path("spec"))
                .put("schedule", "0 2 * * *"), "six-field cron");
    }

    @Test
    void aSecretNobodyWritesOrDocumentsIsCaught() {
        assertCaught(objects -> ((ObjectNode) container(get(objects, "Deployment", "user-service")).path("env").get(0)
                        .path("valueFrom").path("secretKeyRef")).put("name", "users-db"),
                "Secret users-db (keys [jdbc-url]) is written by no operator and not listed");
        assertCaught(objects -> ((ObjectNode) container(get(objects, "Deployment", "user-service")).path("env").get(3)
                        .path("valueFrom").path("secretKeyRef")).put("key", "jaas"),
                "Secret user-service of KafkaUser user-service has no key jaas");
    }

    private static void assertCaught(Consumer<List<ObjectNode>> breakage, String expected) {
        List<ObjectNode> objects = new ArrayList<>(Overlays.render("prod"));
        breakage.accept(objects);
        assertThat(newProblems(objects)).as("problems after the breakage").anyMatch(p -> p.contains(expected));
    }

    /** The problems of the changed overlay that the intact one does not have. */
    private static List<String> newProblems(List<ObjectNode> objects) {
        if (baseline == null) {
            baseline = ManifestChecks.check(Overlays.render("prod"), Overlays.REPO);
        }
        List<String> problems = new ArrayList<>(ManifestChecks.check(objects, Overlays.REPO));
        problems.removeAll(baseline);
        assertThat(problems).as("the breakage is reported").isNotEmpty();
        return problems;
    }

    private static JsonNode container(ObjectNode workload) {
        return workload.path("spec").path("template").path("spec").path("containers").get(0);
    }

    private static ArrayNode acls(ObjectNode user) {
        return (ArrayNode) user.path("spec").path("authorization").path("acls");
    }

    private static ObjectNode parse(String yaml) {
        return (ObjectNode) Yaml.documents(yaml, "test").get(0);
    }
}
