package com.mobilityhub.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The local stack's token issuer: an RSA key pair generated at first start in
 * {@code <data>/security/} (the private key readable by its owner only); the hub trusts the public
 * key ({@code spring.security.oauth2.resourceserver.jwt.public-key-location}). {@code bin/mobility-hub
 * token --role rider|operator|admin [--user ID]} prints a signed JWT (RS256) for curl and friends.
 * Nothing of this exists outside the local stack: production tokens come from a real issuer.
 */
final class LocalTokens {

    static final String ISSUER = "mobility-hub-local";
    static final Duration DEFAULT_VALIDITY = Duration.ofHours(12);
    static final List<String> ROLES = List.of("rider", "operator", "admin");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Path privateKey;
    private final Path publicKey;

    private LocalTokens(Path dir) {
        this.privateKey = dir.resolve("jwt-signing-key.pem");
        this.publicKey = dir.resolve("jwt-public-key.pem");
    }

    /** The issuer of this data directory, its key pair generated on first use. */
    static LocalTokens of(Path dataDir) {
        LocalTokens tokens = new LocalTokens(dataDir.resolve("security"));
        tokens.ensureKeys();
        return tokens;
    }

    Path publicKey() {
        return publicKey;
    }

    /** A signed token; {@code subject} is the rider's user id for riders. */
    String mint(String role, String subject, Duration validFor) {
        if (!ROLES.contains(role)) {
            throw new IllegalArgumentException("--role must be one of " + ROLES + ", got " + role);
        }
        Instant now = Instant.now();
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iss", ISSUER);
        claims.put("sub", subject);
        claims.put("roles", List.of(role));
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(validFor).getEpochSecond());
        try {
            String signingInput = URL.encodeToString(JSON.writeValueAsBytes(Map.of("alg", "RS256", "typ", "JWT")))
                    + "." + URL.encodeToString(JSON.writeValueAsBytes(claims));
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initSign(readPrivateKey());
            rsa.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + URL.encodeToString(rsa.sign());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign with " + privateKey, e);
        }
    }

    /** The token the launcher itself uses to load the demo data. */
    String admin() {
        return mint("admin", "local-admin", Duration.ofHours(1));
    }

    private void ensureKeys() {
        if (Files.isRegularFile(privateKey) && Files.isRegularFile(publicKey)) {
            return;
        }
        try {
            Files.createDirectories(privateKey.getParent());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair pair = generator.generateKeyPair();
            Files.deleteIfExists(privateKey);
            Files.createFile(privateKey);
            try {
                Files.setPosixFilePermissions(privateKey, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
            Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private PrivateKey readPrivateKey() throws IOException, GeneralSecurityException {
        String base64 = Files.readString(privateKey).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }

    /** {@code token --role R [--user ID] [--data-dir DIR] [--hours N]}: prints one token, or usage on stderr. */
    static int command(List<String> args, Path dataDir, Console console) {
        String role = null;
        String user = null;
        Duration validFor = DEFAULT_VALIDITY;
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String value = i + 1 < args.size() ? args.get(i + 1) : null;
            switch (arg) {
                case "--role" -> role = require(value, arg);
                case "--user" -> user = require(value, arg);
                case "--data-dir" -> dataDir = Path.of(require(value, arg));
                case "--hours" -> validFor = Duration.ofHours(Long.parseLong(require(value, arg)));
                default -> throw new IllegalArgumentException("token: unknown option " + arg + "\n" + USAGE);
            }
            i++;
        }
        if (role == null) {
            throw new IllegalArgumentException("token: --role is required\n" + USAGE);
        }
        Path data = dataDir;
        String subject = switch (role) {
            case "rider" -> Optional.ofNullable(user).or(() -> firstDemoUser(data)).orElseThrow(() ->
                    new IllegalArgumentException("token: a rider token needs --user <userId> (no demo data loaded yet)"));
            case "operator" -> Optional.ofNullable(user).orElse("local-operator");
            default -> Optional.ofNullable(user).orElse("local-admin");
        };
        console.print(of(data).mint(role, subject, validFor));
        return 0;
    }

    static final String USAGE = """
            usage: bin/mobility-hub token --role rider|operator|admin [--user <userId>] [--hours N]
              rider: --user is the rider's user id (default: the first demo user); tokens last 12 h by default.
              curl -H "Authorization: Bearer $(bin/mobility-hub token --role admin)" localhost:8080/api/v1/admin/consistency""";

    private static String require(String value, String option) {
        if (value == null) {
            throw new IllegalArgumentException("token: " + option + " needs a value");
        }
        return value;
    }

    private static Optional<String> firstDemoUser(Path dataDir) {
        Path marker = DemoData.marker(dataDir);
        if (!Files.isRegularFile(marker)) {
            return Optional.empty();
        }
        try {
            JsonNode users = JSON.readTree(marker.toFile()).path("users");
            return users.isEmpty() ? Optional.empty() : Optional.of(users.get(0).path("id").asText());
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
