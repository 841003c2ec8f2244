package com.mobilityhub.localstack;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's Hawtio console logins: a {@code viewer} and an {@code admin} with random passwords, generated at
 * first start into {@code <data>/security/console-users.txt} (readable by its owner only; the banner names it) and
 * reused later. The hub gets only password hashes ({@code mobility.operations.console-users}), through the
 * environment. The hashes are Spring Security's {@code {pbkdf2@SpringSecurity_v5_8}} format (PBKDF2-HMAC-SHA256,
 * 310000 iterations, 16-byte salt, hex of salt and hash), made with the JDK alone: the launcher has no Spring.
 */
final class LocalConsoleUsers {

    static final List<String> ROLES = List.of("viewer", "admin");
    static final String FILE = "console-users.txt";

    private static final int ITERATIONS = 310_000;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> passwords;

    private LocalConsoleUsers(Map<String, String> passwords) {
        this.passwords = passwords;
    }

    static Path file(Path dataDir) {
        return dataDir.resolve("security").resolve(FILE);
    }

    /** The logins of this data directory, generated on first use (one line per user: name and password). */
    static LocalConsoleUsers of(Path dataDir) {
        Path file = file(dataDir);
        try {
            Map<String, String> passwords = new LinkedHashMap<>();
            if (Files.isRegularFile(file)) {
                for (String line : Files.readAllLines(file)) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length == 2 && ROLES.contains(fields[0])) {
                        passwords.put(fields[0], fields[1]);
                    }
                }
            }
            if (!passwords.keySet().containsAll(ROLES)) {
                for (String role : ROLES) {
                    byte[] random = new byte[18];
                    RANDOM.nextBytes(random);
                    passwords.put(role, Base64.getUrlEncoder().withoutPadding().encodeToString(random));
                }
                write(file, passwords);
            }
            return new LocalConsoleUsers(passwords);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The hub's {@code mobility.operations.console-users} as environment variables (user name = role). */
    Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < ROLES.size(); i++) {
            String role = ROLES.get(i);
            String prefix = "MOBILITY_OPERATIONS_CONSOLEUSERS_" + i + "_";
            env.put(prefix + "USERNAME", role);
            env.put(prefix + "PASSWORDHASH", hash(passwords.get(role)));
            env.put(prefix + "ROLES", role);
        }
        return env;
    }

    static String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        try {
            byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(password.toCharArray(), salt, ITERATIONS, 256)).getEncoded();
            byte[] stored = new byte[salt.length + derived.length];
            System.arraycopy(salt, 0, stored, 0, salt.length);
            System.arraycopy(derived, 0, stored, salt.length, derived.length);
            return "{pbkdf2@SpringSecurity_v5_8}" + HexFormat.of().formatHex(stored);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }

    private static void write(Path file, Map<String, String> passwords) throws IOException {
        Files.createDirectories(file.getParent());
        Files.deleteIfExists(file);
        Files.createFile(file);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the data directory's own permissions apply
        }
        StringBuilder text = new StringBuilder("# Hawtio console logins of this local stack (http://localhost:8080/actuator/hawtio)\n");
        passwords.forEach((user, password) -> text.append(user).append(' ').append(password).append('\n'));
        Files.writeString(file, text);
    }
}
