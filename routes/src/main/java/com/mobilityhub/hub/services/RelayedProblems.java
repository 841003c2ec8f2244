package com.mobilityhub.hub.services;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityhub.kit.api.Problem;

import java.io.IOException;
import java.util.Locale;

/** A service's problem names the service's own path as {@code instance}; the client called the public one. */
final class RelayedProblems {

    private static final ObjectMapper JSON = new ObjectMapper();

    static boolean isProblem(String contentType) {
        return contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(Problem.MEDIA_TYPE);
    }

    /** The problem with {@code instance} set to the public request path; the body untouched if it is no JSON object. */
    static byte[] withInstance(byte[] body, String publicRequestPath) {
        if (body == null || body.length == 0 || publicRequestPath == null) {
            return body;
        }
        try {
            JsonNode problem = JSON.readTree(body);
            if (problem instanceof ObjectNode fields && fields.has("instance")) {
                fields.put("instance", publicRequestPath);
                return JSON.writeValueAsBytes(fields);
            }
        } catch (IOException e) {
            // Not JSON after all: relay it as the service sent it.
        }
        return body;
    }

    private RelayedProblems() {
    }
}
