package com.mobilityhub.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The local stack's service secret ({@code mobility.service-auth.secret}): generated at first start into
 * {@code <data>/security/service-auth-secret} (readable by its owner only) and reused by every later start, so
 * LRAs joined before a restart still verify their saga callback tokens. The launcher hands it to the hub and
 * every domain service through the environment ({@code MOBILITY_SERVICE_AUTH_SECRET}), never on a command line
 * that {@code ps} would show.
 */
final class LocalServiceSecret {

    static final String ENVIRONMENT_VARIABLE = "MOBILITY_SERVICE_AUTH_SECRET";

    private LocalServiceSecret() {
    }

    /** The secret of this data directory, generated on first use. */
    static String of(Path dataDir) {
        Path file = dataDir.resolve("security").resolve("service-auth-secret");
        try {
            if (Files.isRegularFile(file)) {
                String secret = Files.readString(file).trim();
                if (!secret.isEmpty()) {
                    return secret;
                }
            }
            Files.createDirectories(file.getParent());
            byte[] random = new byte[32];
            new SecureRandom().nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.deleteIfExists(file);
            Files.createFile(file);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system: the data directory's own permissions apply
            }
            Files.writeString(file, secret + "\n");
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
