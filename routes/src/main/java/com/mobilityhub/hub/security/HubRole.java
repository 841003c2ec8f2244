package com.mobilityhub.hub.security;

import java.util.Locale;
import java.util.Optional;

/**
 * Who a caller is to the hub, from the token's roles claim. A rider acts for themself (the token's
 * subject is their user id); an operator runs the fleet; an admin may do everything.
 */
public enum HubRole {
    RIDER, OPERATOR, ADMIN;

    /** The Spring Security authority of this role ({@code ROLE_RIDER}, ...). */
    public String authority() {
        return "ROLE_" + name();
    }

    /** The claim value ({@code rider}, {@code operator}, {@code admin}). */
    public String claimValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Optional<HubRole> fromClaim(String value) {
        for (HubRole role : values()) {
            if (role.claimValue().equalsIgnoreCase(value)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }

    static Optional<HubRole> fromAuthority(String authority) {
        for (HubRole role : values()) {
            if (role.authority().equals(authority)) {
                return Optional.of(role);
            }
        }
        return Optional.empty();
    }
}
