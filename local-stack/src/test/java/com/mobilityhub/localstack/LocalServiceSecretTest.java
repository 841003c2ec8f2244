package com.mobilityhub.localstack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LocalServiceSecretTest {

    @TempDir
    Path data;

    @Test
    void isGeneratedOnceOwnerOnlyAndReusedByLaterStarts() throws Exception {
        String first = LocalServiceSecret.of(data);
        assertThat(first).matches("[\\w-]{43}");
        assertThat(LocalServiceSecret.of(data)).isEqualTo(first);
        Path file = data.resolve("security/service-auth-secret");
        assertThat(Files.getPosixFilePermissions(file)).extracting(Object::toString)
                .containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
        assertThat(LocalServiceSecret.of(Files.createDirectories(data.resolve("other")))).isNotEqualTo(first);
    }

    @Test
    void theHubAndEveryServiceGetItThroughTheEnvironmentNeverOnTheCommandLine() {
        Options options = Options.parse(new String[]{"up", "--data-dir", data.toString()}, Map.of(), data);
        ChildJvm jvm = new ChildJvm(options);
        String secret = LocalServiceSecret.of(data);

        for (AppSpec app : AppSpec.ALL) {
            Map<String, String> env = jvm.environment(app, options.ports());
            if (app.isHub() || app.isService()) {
                assertThat(env).as(app.name()).containsEntry("MOBILITY_SERVICE_AUTH_SECRET", secret);
            } else {
                assertThat(env).as(app.name()).doesNotContainKey("MOBILITY_SERVICE_AUTH_SECRET");
            }
            assertThat(jvm.systemProperties(app, options.ports()).values()).as(app.name()).doesNotContain(secret);
        }
    }
}
