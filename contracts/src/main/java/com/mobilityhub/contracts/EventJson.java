package com.mobilityhub.contracts;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON settings every producer and consumer of events agrees on (ISO-8601 instants, tolerant reads). */
public final class EventJson {

    private static final ObjectMapper MAPPER = configure(new ObjectMapper());

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Applies the event conventions to an existing mapper, e.g. Spring's. */
    public static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // Readers ignore fields they do not know, so producers can add fields without breaking them.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private EventJson() {
    }
}
