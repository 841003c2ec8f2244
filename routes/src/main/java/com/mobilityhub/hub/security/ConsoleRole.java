package com.mobilityhub.hub.security;

import java.util.Locale;

/**
 * Who an operator is in the Hawtio console ({@code /actuator/hawtio}): a viewer looks at routes and metrics, an
 * admin may also operate them (stop, start, change attributes). A console admin has the same authority as a
 * bearer token's {@link HubRole#ADMIN}, so back-office automation with an admin token may use Jolokia too.
 */
public enum ConsoleRole {
    VIEWER, ADMIN;

    /** The Spring Security authority ({@code ROLE_VIEWER}, {@code ROLE_ADMIN}). */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The name in configuration and in Hawtio's {@code hawtio.roles} ({@code viewer}, {@code admin}). */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static ConsoleRole fromConfig(String value) {
        for (ConsoleRole role : values()) {
            if (role.configName().equalsIgnoreCase(value.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("Unknown console role '" + value + "' (viewer or admin)");
    }
}
