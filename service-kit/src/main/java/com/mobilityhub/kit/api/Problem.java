package com.mobilityhub.kit.api;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/**
 * An RFC 9457 problem detail, served as {@code application/problem+json}.
 * {@code errors} names each request field at fault (empty unless validation failed).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault: a JSON path such as {@code location.lat} and what is wrong with it. */
    public record FieldError(String field, String message) {
    }
}
