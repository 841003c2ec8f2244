package com.mobilityhub.k8s;

import static com.mobilityhub.k8s.Overlays.all;
import static com.mobilityhub.k8s.Overlays.environment;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The hub and every service sign and verify internal calls and LRA callback tokens with one shared secret, read
 * from the Secret mobility-service-auth (never a ConfigMap or a literal); the coordinator has no use for it.
 */
class ServiceAuthSecretTest {

    private static final Set<String> SIGNING_APPS = Set.of(
            "hub", "user-service", "vehicle-service", "trip-service", "billing-service", "notification-service");

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyAppButTheCoordinatorReadsTheServiceSecretFromItsSecret(String overlay) {
        List<ObjectNode> objects = Overlays.render(overlay);
        Set<String> signing = new TreeSet<>();
        for (String kind : List.of("Deployment", "StatefulSet")) {
            for (ObjectNode workload : all(objects, kind)) {
                String app = workload.path("spec").path("template").path("metadata").path("labels").path("app").asText();
                String secret = environment(objects, workload).get("MOBILITY_SERVICE_AUTH_SECRET");
                if (SIGNING_APPS.contains(app)) {
                    assertThat(secret).as(app).isEqualTo("secret:mobility-service-auth/secret");
                    signing.add(app);
                } else {
                    assertThat(secret).as(app).isNull();
                }
            }
        }
        assertThat(signing).isEqualTo(SIGNING_APPS);
    }
}
