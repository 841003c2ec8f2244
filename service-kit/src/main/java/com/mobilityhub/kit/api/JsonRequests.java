package com.mobilityhub.kit.api;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads a command body strictly: malformed JSON, unknown fields, wrong types and constraint
 * violations all become a 400 problem naming the field, before anything is written.
 */
public class JsonRequests {

    private final ObjectMapper strict = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // {"amount": 1, "amount": -5} is ambiguous: refuse it rather than keep the last value.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .build();
    private final Validator validator;

    public JsonRequests(Validator validator) {
        this.validator = validator;
        // "12" is not a number and 12 is not a string: commands are typed.
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
        strict.coercionConfigFor(LogicalType.Textual).setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        // Except money: the public API takes amounts as decimal strings ("12.50") or numbers.
        // A string that is not a decimal still fails, as "has the wrong type".
        strict.coercionConfigFor(BigDecimal.class).setCoercion(CoercionInputShape.String, CoercionAction.TryConvert);
    }

    public <T> T read(String body, Class<T> type) {
        if (body == null || body.isBlank()) {
            throw ProblemException.invalidField("body", "a JSON body is required");
        }
        T value;
        try {
            value = strict.readValue(body, type);
        } catch (UnrecognizedPropertyException e) {
            throw ProblemException.invalidField(path(e), "unknown field");
        } catch (JsonMappingException e) {
            String field = path(e);
            throw ProblemException.invalidField(field.isEmpty() ? "body" : field, mismatchMessage(e));
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            throw ProblemException.invalidField("body", at == null ? "malformed JSON"
                    : "malformed JSON at line " + at.getLineNr() + ", column " + at.getColumnNr());
        }
        if (value == null) {
            throw ProblemException.invalidField("body", "a JSON object is required");
        }
        validate(value);
        return value;
    }

    public <T> void validate(T value) {
        Set<ConstraintViolation<T>> violations = validator.validate(value);
        if (!violations.isEmpty()) {
            List<Problem.FieldError> errors = violations.stream()
                    .map(v -> new Problem.FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(Problem.FieldError::field))
                    .toList();
            throw ProblemException.invalidRequest(errors);
        }
    }

    private static String path(JsonMappingException e) {
        return e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining(".")).replace(".[", "[");
    }

    private static String mismatchMessage(JsonMappingException e) {
        // Jackson's own message names Java classes; say what the client can act on.
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (original.contains("Cannot coerce") || original.contains("Cannot deserialize value of type")
                || original.contains("not a valid")) {
            return "has the wrong type";
        }
        if (original.contains("Null value for creator property") || original.contains("Missing required")) {
            return "is required";
        }
        return "is invalid";
    }
}
