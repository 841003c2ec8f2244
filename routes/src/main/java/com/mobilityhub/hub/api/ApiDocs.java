package com.mobilityhub.hub.api;

import com.mobilityhub.kit.api.Problem;
import org.apache.camel.model.rest.RestDefinition;

import java.util.Map;

/** OpenAPI descriptions shared by the operations: every failure is an RFC 9457 problem. */
public final class ApiDocs {

    public static final String JSON = "application/json";

    private static final Map<Integer, String> PROBLEMS = Map.of(
            400, "Invalid request: errors[] names each field at fault; nothing was changed",
            404, "No such resource (ids are UUIDs)",
            409, "The request conflicts with the resource's current state",
            503, "The owning service could not be reached or did not answer in time");

    /** Documents the problem answers an operation can give. */
    public static RestDefinition problems(RestDefinition operation, int... statuses) {
        RestDefinition documented = operation;
        for (int status : statuses) {
            documented = documented.responseMessage()
                    .code(status)
                    .message(PROBLEMS.getOrDefault(status, "Problem"))
                    .contentType(Problem.MEDIA_TYPE)
                    .responseModel(Problem.class)
                    .endResponseMessage();
        }
        return documented;
    }

    private ApiDocs() {
    }
}
