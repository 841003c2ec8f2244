package com.mobilityhub.vehicles;

import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.kit.api.Problem;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads path and query parameters of API requests; anything malformed is a 400 naming the parameter. */
public final class Requests {

    /** The request body as text (null when there is none). */
    public static String bodyText(Exchange exchange) {
        return exchange.getMessage().getBody(String.class);
    }

    /** A required UUID parameter (path parameters are always present). */
    public static UUID uuid(Exchange exchange, String name) {
        String raw = text(exchange, name);
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField(name, "is required");
        }
        try {
            // UUID.fromString accepts shortened groups ("1-2-3-4-5"): insist on the canonical form.
            UUID id = UUID.fromString(raw);
            if (!id.toString().equalsIgnoreCase(raw)) {
                throw new IllegalArgumentException(raw);
            }
            return id;
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalidField(name, "must be a UUID");
        }
    }

    /** An optional enum query parameter: null when absent or empty. Case-sensitive, as in responses. */
    public static <E extends Enum<E>> E optionalEnum(Exchange exchange, String name, Class<E> type) {
        String raw = text(exchange, name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        try {
            return Enum.valueOf(type, raw);
        } catch (IllegalArgumentException e) {
            String allowed = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
            throw ProblemException.invalidField(name, "must be one of " + allowed);
        }
    }

    /** An optional integer query parameter within [min, max]. */
    public static int optionalInt(Exchange exchange, String name, int defaultValue, int min, int max) {
        String raw = text(exchange, name);
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be an integer");
        }
        if (value < min || value > max) {
            throw ProblemException.invalidField(name, "must be between " + min + " and " + max);
        }
        return value;
    }

    /** {@code page} (zero-based) and {@code size} (1..{@value Page#MAX_SIZE}, default {@value Page#DEFAULT_SIZE}). */
    public static PageRequest page(Exchange exchange) {
        return new PageRequest(optionalInt(exchange, "page", 0, 0, 1_000_000),
                optionalInt(exchange, "size", Page.DEFAULT_SIZE, 1, Page.MAX_SIZE));
    }

    public record PageRequest(int number, int size) {
    }

    /** A 404 that names the path parameter that pointed nowhere. */
    public static ProblemException notFound(String what, String field, UUID id) {
        return new ProblemException(404, "urn:mobility-hub:problem:not-found", what + " not found",
                "No " + what.toLowerCase(Locale.ROOT) + " with id " + id,
                List.of(new Problem.FieldError(field, "no " + what.toLowerCase(Locale.ROOT) + " with this id")));
    }

    private static String text(Exchange exchange, String name) {
        Object value = exchange.getMessage().getHeader(name);
        if (value instanceof List<?> values) {
            // ?status=A&status=B: ambiguous, refuse it rather than guess.
            if (values.size() != 1) {
                throw ProblemException.invalidField(name, "must be given once");
            }
            value = values.getFirst();
        }
        return value == null ? null : value.toString();
    }

    private Requests() {
    }
}
