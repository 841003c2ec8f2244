package com.mobilityhub.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class EventEnvelopeTest {

    private final com.fasterxml.jackson.databind.ObjectMapper json = EventJson.mapper();

    @Test
    void serializedEnvelopeSatisfiesThePublishedSchemaAndReadsBack() throws Exception {
        ObjectNode data = json.createObjectNode().put("name", "Ada");
        EventEnvelope event = EventEnvelope.of(EventTypes.USER_REGISTERED, "user-1", 1, data);

        JsonNode serialized = json.valueToTree(event);

        assertThat(EventSchemas.envelopeViolations(serialized)).isEmpty();
        assertThat(serialized.get("occurredAt").isTextual()).isTrue();
        assertThat(json.treeToValue(serialized, EventEnvelope.class)).isEqualTo(event);
    }

    @Test
    void schemaRejectsAnEnvelopeWithoutEventIdOrWithAStrayField() {
        ObjectNode broken = json.valueToTree(EventEnvelope.of("UserRegistered", "u", 0, json.createObjectNode()));
        broken.remove("eventId");
        broken.put("surprise", true);

        assertThat(EventSchemas.envelopeViolations(broken))
                .anyMatch(message -> message.contains("eventId"))
                .anyMatch(message -> message.contains("surprise"));
    }

    @Test
    void deadLetterTopicIsTheTopicWithSuffix() {
        assertThat(Topics.deadLetterOf(Topics.USERS)).isEqualTo("mobility.users.events.v1.dlt");
    }
}
