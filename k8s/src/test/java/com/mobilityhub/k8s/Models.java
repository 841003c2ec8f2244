package com.mobilityhub.k8s;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.introspect.Annotated;
import com.fasterxml.jackson.databind.introspect.JacksonAnnotationIntrospector;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Typed models of every kind the manifests use, read with a strict Jackson mapper: an unknown field (a typo), a
 * string where the API wants a number or a boolean, or a number where it wants a string fails, as the API server's
 * strict field validation would. Kinds without a model on Maven Central (CloudNativePG, Barman Cloud) get
 * structural checks in {@link ResourceChecks} instead.
 */
final class Models {

    /**
     * Strictness the models do not have by themselves. fabric8's and Strimzi's models keep unknown fields in an "additionalProperties" map (a {@code @JsonAnySetter})
     * instead of failing on them: switch that off so FAIL_ON_UNKNOWN_PROPERTIES applies.
     */
    private static final class Strict extends JacksonAnnotationIntrospector {
        @Override
        public Boolean hasAnySetter(Annotated annotated) {
            return null;
        }

        /** Write every property back, defaults included, so the lossless check below compares like with like. */
        @Override
        public JsonInclude.Value findPropertyInclusion(Annotated annotated) {
            return JsonInclude.Value.construct(JsonInclude.Include.ALWAYS, JsonInclude.Include.ALWAYS);
        }
    }

    static final ObjectMapper STRICT = strictMapper();

    /** "apiVersion kind" -> model class. */
    static final Map<String, Class<?>> TYPED = Map.ofEntries(
            Map.entry("v1 Namespace", io.fabric8.kubernetes.api.model.Namespace.class),
            Map.entry("v1 ConfigMap", io.fabric8.kubernetes.api.model.ConfigMap.class),
            Map.entry("v1 Service", io.fabric8.kubernetes.api.model.Service.class),
            Map.entry("apps/v1 Deployment", io.fabric8.kubernetes.api.model.apps.Deployment.class),
            Map.entry("apps/v1 StatefulSet", io.fabric8.kubernetes.api.model.apps.StatefulSet.class),
            Map.entry("policy/v1 PodDisruptionBudget", io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget.class),
            Map.entry("autoscaling/v2 HorizontalPodAutoscaler",
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class),
            Map.entry("networking.k8s.io/v1 NetworkPolicy",
                    io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy.class),
            Map.entry("kafka.strimzi.io/v1beta2 Kafka", io.strimzi.api.kafka.model.kafka.Kafka.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaNodePool", io.strimzi.api.kafka.model.nodepool.KafkaNodePool.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaTopic", io.strimzi.api.kafka.model.topic.KafkaTopic.class),
            Map.entry("kafka.strimzi.io/v1beta2 KafkaUser", io.strimzi.api.kafka.model.user.KafkaUser.class),
            Map.entry("monitoring.coreos.com/v1 ServiceMonitor",
                    io.fabric8.openshift.api.model.monitoring.v1.ServiceMonitor.class),
            Map.entry("monitoring.coreos.com/v1 PodMonitor", io.fabric8.openshift.api.model.monitoring.v1.PodMonitor.class),
            Map.entry("networking.istio.io/v1 VirtualService", io.fabric8.istio.api.networking.v1.VirtualService.class),
            Map.entry("networking.istio.io/v1 DestinationRule", io.fabric8.istio.api.networking.v1.DestinationRule.class),
            Map.entry("networking.istio.io/v1 Gateway", io.fabric8.istio.api.networking.v1.Gateway.class));

    /** Kinds checked structurally (no model on Maven Central): see {@link ResourceChecks}. */
    static final List<String> STRUCTURAL = List.of(
            "postgresql.cnpg.io/v1 Cluster", "postgresql.cnpg.io/v1 Database", "postgresql.cnpg.io/v1 ScheduledBackup",
            "barmancloud.cnpg.io/v1 ObjectStore");

    private Models() {
    }

    private static ObjectMapper strictMapper() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .annotationIntrospector(new Strict())
                .build();
        // Kubernetes refuses 8080 where it wants a string and "3" where it wants a number: so do we.
        for (LogicalType type : List.of(LogicalType.Textual)) {
            mapper.coercionConfigFor(type)
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        }
        for (LogicalType type : List.of(LogicalType.Integer, LogicalType.Float, LogicalType.Boolean)) {
            mapper.coercionConfigFor(type).setCoercion(CoercionInputShape.String, CoercionAction.Fail);
        }
        return mapper;
    }

    static String key(JsonNode resource) {
        return resource.path("apiVersion").asText() + " " + resource.path("kind").asText();
    }

    /** Reads a resource into its typed model; empty when the kind is checked structurally instead. */
    static Optional<Object> read(JsonNode resource) throws ModelException {
        String key = key(resource);
        Class<?> type = TYPED.get(key);
        if (type == null) {
            if (STRUCTURAL.contains(key)) {
                return Optional.empty();
            }
            throw new ModelException("no model and no structural check for " + key);
        }
        Object model;
        try {
            model = STRICT.treeToValue(resource, type);
        } catch (Exception e) {
            throw new ModelException(e.getMessage().lines().findFirst().orElse(e.toString())
                    + " at " + location(e));
        }
        // Some models read leniently where the API server does not (Istio's enums map an unknown name to null,
        // its one-of fields skip what they do not recognise): what the model writes back must still hold
        // everything the manifest says.
        String lost = lost(resource, STRICT.valueToTree(model), "");
        if (lost != null) {
            throw new ModelException("the " + type.getSimpleName() + " model does not understand " + lost);
        }
        return Optional.of(model);
    }

    /** The first path whose value in {@code written} is not in {@code read}, or null. */
    private static String lost(JsonNode written, JsonNode read, String path) {
        if (written.isObject()) {
            if (!read.isObject()) {
                return path + " (not an object)";
            }
            for (var fields = written.fields(); fields.hasNext(); ) {
                var field = fields.next();
                String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
                JsonNode value = read.get(field.getKey());
                if (value == null || value.isNull()) {
                    if (!field.getValue().isNull()) {
                        return at + " = " + field.getValue();
                    }
                    continue;
                }
                String lost = lost(field.getValue(), value, at);
                if (lost != null) {
                    return lost;
                }
            }
            return null;
        }
        if (written.isArray()) {
            if (!read.isArray() || read.size() != written.size()) {
                return path + " = " + written;
            }
            for (int i = 0; i < written.size(); i++) {
                String lost = lost(written.get(i), read.get(i), path + "[" + i + "]");
                if (lost != null) {
                    return lost;
                }
            }
            return null;
        }
        boolean same = written.isNumber() && read.isNumber()
                ? written.decimalValue().compareTo(read.decimalValue()) == 0
                : written.asText().equals(read.asText()) && written.isTextual() == read.isTextual();
        return same ? null : path + " = " + written + " (read as " + read + ")";
    }

    private static String location(Exception e) {
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping) {
            StringBuilder path = new StringBuilder();
            for (com.fasterxml.jackson.databind.JsonMappingException.Reference reference : mapping.getPath()) {
                path.append(reference.getFieldName() != null ? "." + reference.getFieldName()
                        : "[" + reference.getIndex() + "]");
            }
            return path.length() == 0 ? "(root)" : path.substring(path.charAt(0) == '.' ? 1 : 0);
        }
        return "(unknown)";
    }

    static final class ModelException extends Exception {
        ModelException(String message) {
            super(message);
        }
    }
}
