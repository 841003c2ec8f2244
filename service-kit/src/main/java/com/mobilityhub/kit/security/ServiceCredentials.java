package com.mobilityhub.kit.security;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The credential one app presents to another on an internal call: an HMAC-SHA256, with the secret
 * every app of the platform shares, over the caller's name, the method, the path and a timestamp.
 * A captured credential is only good for that method and path within {@code maxSkew} of its time.
 * With no secret configured there is no credential: {@link #enabled()} is false, nothing is signed.
 */
public final class ServiceCredentials {

    public static final String SERVICE_HEADER = "X-Service-Name";
    public static final String TIMESTAMP_HEADER = "X-Service-Timestamp";
    public static final String SIGNATURE_HEADER = "X-Service-Signature";

    private final String caller;
    private final byte[] secret;
    private final Duration maxSkew;
    private final Clock clock;

    public ServiceCredentials(String caller, String secret, Duration maxSkew, Clock clock) {
        this.caller = caller;
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        this.maxSkew = maxSkew;
        this.clock = clock;
    }

    public static ServiceCredentials disabled() {
        return new ServiceCredentials("none", null, Duration.ZERO, Clock.systemUTC());
    }

    public boolean enabled() {
        return secret != null;
    }

    /** The headers to add to a call of {@code method} on {@code path} (no query); empty when disabled. */
    public Map<String, String> sign(String method, String path) {
        if (!enabled()) {
            return Map.of();
        }
        String timestamp = Long.toString(clock.instant().getEpochSecond());
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(SERVICE_HEADER, caller);
        headers.put(TIMESTAMP_HEADER, timestamp);
        headers.put(SIGNATURE_HEADER, signature(caller, method, path, timestamp));
        return headers;
    }

    /** Why a call's credential is refused, or null when it is good. */
    public String refusal(String method, String path, String service, String timestamp, String signature) {
        if (service == null || timestamp == null || signature == null) {
            return "missing service credential";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "malformed service credential timestamp";
        }
        Duration age = Duration.between(Instant.ofEpochSecond(seconds), clock.instant()).abs();
        if (age.compareTo(maxSkew) > 0) {
            return "service credential expired";
        }
        byte[] expected = signature(service, method, path, timestamp).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.US_ASCII))) {
            return "service credential does not match";
        }
        return null;
    }

    private String signature(String service, String method, String path, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String canonical = service + "\n" + method.toUpperCase(java.util.Locale.ROOT) + "\n" + path + "\n" + timestamp;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    @Override
    public String toString() {
        // Never the secret: this object may end up in a log line or a debugger.
        return "ServiceCredentials[" + caller + (enabled() ? ", enabled]" : ", disabled]");
    }
}
