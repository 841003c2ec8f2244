package com.mobilityhub.hub.security;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;

/**
 * Tokens for the test hubs: one RSA key pair per test JVM; its public key (PEM file) is what every
 * test hub trusts ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}).
 */
public final class TestTokens {

    public static final String ADMIN_SUBJECT = "test-admin";
    public static final String OPERATOR_SUBJECT = "test-operator";

    private static final KeyPair KEYS = generate();
    private static final KeyPair STRANGER_KEYS = generate();
    private static final Path PUBLIC_KEY = writePublicKey();

    private TestTokens() {
    }

    /** {@code file:...} of the trusted public key. */
    public static String publicKeyLocation() {
        return PUBLIC_KEY.toUri().toString();
    }

    public static String admin() {
        return mint(ADMIN_SUBJECT, List.of("admin"), Duration.ofHours(1), KEYS);
    }

    public static String operator() {
        return mint(OPERATOR_SUBJECT, List.of("operator"), Duration.ofHours(1), KEYS);
    }

    public static String rider(UUID userId) {
        return mint(userId.toString(), List.of("rider"), Duration.ofHours(1), KEYS);
    }

    public static String expiredAdmin() {
        return mint(ADMIN_SUBJECT, List.of("admin"), Duration.ofHours(-1), KEYS);
    }

    /** An admin token signed with a key the hub does not trust. */
    public static String forgedAdmin() {
        return mint(ADMIN_SUBJECT, List.of("admin"), Duration.ofHours(1), STRANGER_KEYS);
    }

    /** The key pair the test hubs trust. */
    public static KeyPair trustedKeys() {
        return KEYS;
    }

    public static String mint(String subject, List<String> roles, Duration validFor, KeyPair keys) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(subject)
                .issuer("mobility-hub-tests")
                .issueTime(Date.from(now.minusSeconds(120)))
                .expirationTime(Date.from(now.plus(validFor)))
                .claim("roles", roles)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), claims);
        try {
            jwt.sign(new RSASSASigner((RSAPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return jwt.serialize();
    }

    private static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path writePublicKey() {
        try {
            Path file = Files.createTempFile("hub-test-jwt", ".pem");
            file.toFile().deleteOnExit();
            String pem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(KEYS.getPublic().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            Files.writeString(file, pem);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
