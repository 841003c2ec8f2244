package com.mobilityhub.hub.services;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/** Filters a raw query string down to the parameters a service is meant to see. */
final class QueryStrings {

    /** The pairs of {@code rawQuery} whose name is in {@code names}, still encoded; null when none is left. */
    static String retain(String rawQuery, Set<String> names) {
        if (rawQuery == null || rawQuery.isEmpty() || names.isEmpty()) {
            return null;
        }
        String kept = Arrays.stream(rawQuery.split("&"))
                .filter(pair -> !pair.isEmpty())
                .filter(pair -> names.contains(name(pair)))
                .collect(Collectors.joining("&"));
        return kept.isEmpty() ? null : kept;
    }

    private static String name(String pair) {
        int equals = pair.indexOf('=');
        String raw = equals < 0 ? pair : pair.substring(0, equals);
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw;
        }
    }

    private QueryStrings() {
    }
}
