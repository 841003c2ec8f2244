package com.mobilityhub.hub.security;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads a validated JWT as a hub caller: the subject ({@code sub}; a rider's user id) and the roles
 * of the roles claim ({@code roles} by default: a list, or a space-separated string). Unknown
 * roles are ignored, so a token with none of ours may call only open paths.
 */
public class JwtCallers implements Converter<Jwt, AbstractAuthenticationToken> {

    private final String rolesClaim;

    public JwtCallers(String rolesClaim) {
        this.rolesClaim = rolesClaim;
    }

    @Override
    public AbstractAuthenticationToken convert(Jwt jwt) {
        List<GrantedAuthority> authorities = new ArrayList<>();
        for (String value : claimValues(jwt.getClaim(rolesClaim))) {
            HubRole.fromClaim(value).ifPresent(role -> authorities.add(new SimpleGrantedAuthority(role.authority())));
        }
        return new JwtAuthenticationToken(jwt, authorities, jwt.getSubject());
    }

    private static List<String> claimValues(Object claim) {
        if (claim instanceof Collection<?> values) {
            return values.stream().map(String::valueOf).toList();
        }
        if (claim instanceof String value) {
            return List.of(value.trim().split("\\s+"));
        }
        return List.of();
    }
}
