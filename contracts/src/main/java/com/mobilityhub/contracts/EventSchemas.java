package com.mobilityhub.contracts;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The published JSON Schemas, loaded from the classpath ({@code schemas/}). */
public final class EventSchemas {

    public static final String ENVELOPE = "schemas/event-envelope.v1.json";

    private static final JsonSchema ENVELOPE_SCHEMA = load(ENVELOPE);

    /** The violations of the envelope schema, empty when {@code json} is a valid envelope. */
    public static List<String> envelopeViolations(JsonNode json) {
        return ENVELOPE_SCHEMA.validate(json).stream().map(ValidationMessage::getMessage).toList();
    }

    public static JsonSchema load(String classpathLocation) {
        try (InputStream in = EventSchemas.class.getClassLoader().getResourceAsStream(classpathLocation)) {
            if (in == null) {
                throw new IllegalArgumentException("No schema on the classpath at " + classpathLocation);
            }
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private EventSchemas() {
    }
}
