package com.mobilityhub.users;

import com.mobilityhub.kit.api.ProblemException;

import java.util.UUID;
import java.util.regex.Pattern;

/** Reads a user id from a request path. */
public final class UserIds {

    // UUID.fromString also accepts short forms such as "1-1-1-1-1"; ids are only ever canonical.
    private static final Pattern CANONICAL =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** The id, or a 404 problem: a string that is not a user id names no user. */
    public static UUID parse(String raw) {
        if (raw == null || !CANONICAL.matcher(raw).matches()) {
            throw ProblemException.notFound("User", String.valueOf(raw));
        }
        return UUID.fromString(raw);
    }

    private UserIds() {
    }
}
