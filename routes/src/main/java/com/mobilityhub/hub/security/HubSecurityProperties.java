package com.mobilityhub.hub.security;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code mobility.security.*}: how the hub reads tokens and limits requests. Which keys sign tokens
 * is Spring's {@code spring.security.oauth2.resourceserver.jwt.*} (issuer-uri / jwk-set-uri in
 * production, public-key-location in the local stack and tests).
 */
@ConfigurationProperties("mobility.security")
public record HubSecurityProperties(@DefaultValue("roles") String rolesClaim,
                                    @DefaultValue Limits limits,
                                    @DefaultValue BookingRateLimit bookingRateLimit) {

    /** Public commands: body cap (413 past it), JSON nesting depth and number length (400 past them). */
    public record Limits(@DefaultValue("65536") int maxBodyBytes,
                         @DefaultValue("16") int maxJsonDepth,
                         @DefaultValue("40") int maxNumberLength) {
    }

    /** POST /bookings per client (token subject); admins are not limited. */
    public record BookingRateLimit(@DefaultValue("10") int limitForPeriod,
                                   @DefaultValue("1s") Duration refreshPeriod) {
    }
}
