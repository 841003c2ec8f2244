package com.mobilityhub.hub.security;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The authenticated caller of one request: the token's subject and the hub roles it carries.
 * For a rider the subject is their user id; a subject that is not a UUID owns nothing.
 */
public record Caller(String subject, Set<HubRole> roles) {

    public static Optional<Caller> of(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated() || authentication.getName() == null) {
            return Optional.empty();
        }
        Set<HubRole> roles = EnumSet.noneOf(HubRole.class);
        for (GrantedAuthority authority : authentication.getAuthorities()) {
            HubRole.fromAuthority(authority.getAuthority()).ifPresent(roles::add);
        }
        return roles.isEmpty() ? Optional.empty() : Optional.of(new Caller(authentication.getName(), roles));
    }

    public boolean is(HubRole role) {
        return roles.contains(role);
    }

    /** True when the caller's only standing is being a rider: they see their own resources, nothing else. */
    public boolean onlyRider() {
        return is(HubRole.RIDER) && !is(HubRole.OPERATOR) && !is(HubRole.ADMIN);
    }

    /** The rider's user id (the token subject), if it is one. */
    public Optional<UUID> userId() {
        try {
            UUID id = UUID.fromString(subject);
            return id.toString().equalsIgnoreCase(subject) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    public boolean owns(UUID owner) {
        return owner != null && userId().filter(owner::equals).isPresent();
    }
}
