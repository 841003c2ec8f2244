package com.mobilityhub.kit.api;

import java.util.List;

/** Ends a request with a problem+json answer. Thrown by API routes; turned into a response by {@link ApiRouteBuilder}. */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String type;
    private final String title;
    private final List<Problem.FieldError> errors;

    public ProblemException(int status, String type, String title, String detail, List<Problem.FieldError> errors) {
        super(detail);
        this.status = status;
        this.type = type;
        this.title = title;
        this.errors = List.copyOf(errors);
    }

    public static ProblemException invalidRequest(List<Problem.FieldError> errors) {
        String detail = errors.size() == 1
                ? errors.getFirst().field() + ": " + errors.getFirst().message()
                : errors.size() + " fields are invalid";
        return new ProblemException(400, "urn:mobility-hub:problem:invalid-request", "Invalid request", detail, errors);
    }

    public static ProblemException invalidField(String field, String message) {
        return invalidRequest(List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException notFound(String what, String id) {
        return new ProblemException(404, "urn:mobility-hub:problem:not-found", what + " not found",
                "No " + what.toLowerCase() + " with id " + id, List.of());
    }

    public static ProblemException conflict(String title, String detail) {
        return new ProblemException(409, "urn:mobility-hub:problem:conflict", title, detail, List.of());
    }

    public Problem toProblem(String instance) {
        return new Problem(type, title, status, getMessage(), instance, errors);
    }

    public int status() {
        return status;
    }
}
