package com.mobilityhub.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalConsoleUsersTest {

    @TempDir
    Path data;

    @Test
    void generatesAViewerAndAnAdminOnceOwnerOnlyAndReusesThem() throws Exception {
        LocalConsoleUsers.of(data);
        Path file = LocalConsoleUsers.file(data);
        List<String> first = Files.readAllLines(file);
        assertThat(first).anyMatch(line -> line.matches("viewer [\\w-]{24}"))
                .anyMatch(line -> line.matches("admin [\\w-]{24}"));
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");

        LocalConsoleUsers.of(data);

        assertThat(Files.readAllLines(file)).isEqualTo(first);
    }

    @Test
    void givesTheHubOnlyHashesOfThePasswordsThroughItsEnvironment() throws Exception {
        Options options = Options.parse(new String[]{"up", "--data-dir", data.toString()}, Map.of(), data);
        Map<String, String> env = new ChildJvm(options).environment(AppSpec.named(AppSpec.HUB).orElseThrow(), options.ports());
        String adminPassword = Files.readAllLines(LocalConsoleUsers.file(data)).stream()
                .filter(line -> line.startsWith("admin ")).findFirst().orElseThrow().substring(6);

        assertThat(env).containsEntry("MOBILITY_OPERATIONS_CONSOLEUSERS_1_USERNAME", "admin")
                .containsEntry("MOBILITY_OPERATIONS_CONSOLEUSERS_1_ROLES", "admin")
                .containsEntry("MOBILITY_OPERATIONS_CONSOLEUSERS_0_ROLES", "viewer");
        String hash = env.get("MOBILITY_OPERATIONS_CONSOLEUSERS_1_PASSWORDHASH");
        assertThat(hash).startsWith("{pbkdf2@SpringSecurity_v5_8}").doesNotContain(adminPassword);
        assertThat(pbkdf2Matches(adminPassword, hash)).isTrue();
        assertThat(pbkdf2Matches(adminPassword + "x", hash)).isFalse();
        assertThat(String.join(" ", new ChildJvm(options).environment(AppSpec.named("user-service").orElseThrow(),
                options.ports()).keySet())).doesNotContain("CONSOLEUSERS");
    }

    /** Spring's Pbkdf2PasswordEncoder (v5.8 defaults) check, written out: hex of 16-byte salt + 256-bit hash. */
    private static boolean pbkdf2Matches(String password, String hash) throws Exception {
        byte[] stored = HexFormat.of().parseHex(hash.substring(hash.indexOf('}') + 1));
        byte[] salt = Arrays.copyOf(stored, 16);
        byte[] derived = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                .generateSecret(new PBEKeySpec(password.toCharArray(), salt, 310_000, 256)).getEncoded();
        return Arrays.equals(derived, Arrays.copyOfRange(stored, 16, stored.length));
    }
}
