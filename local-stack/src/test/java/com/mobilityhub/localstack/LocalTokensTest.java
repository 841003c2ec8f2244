package com.mobilityhub.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalTokensTest {

    @TempDir
    Path data;

    @Test
    void mintsRs256TokensThatThePublicKeyVerifies() throws Exception {
        String token = LocalTokens.of(data).mint("rider", "8d0f3c8e-7f0e-4a59-9a4e-3f4a0c0b7d11", Duration.ofMinutes(5));
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        Signature rsa = Signature.getInstance("SHA256withRSA");
        rsa.initVerify(publicKey(data.resolve("security/jwt-public-key.pem")));
        rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        assertThat(rsa.verify(Base64.getUrlDecoder().decode(parts[2]))).isTrue();

        JsonNode claims = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertThat(claims.path("sub").asText()).isEqualTo("8d0f3c8e-7f0e-4a59-9a4e-3f4a0c0b7d11");
        assertThat(claims.path("roles").get(0).asText()).isEqualTo("rider");
        assertThat(claims.path("exp").asLong()).isGreaterThan(claims.path("iat").asLong());
    }

    @Test
    void keepsItsKeyPairAcrossStartsAndTheSigningKeyPrivate() throws Exception {
        LocalTokens.of(data);
        String publicKey = Files.readString(data.resolve("security/jwt-public-key.pem"));
        LocalTokens.of(data);
        assertThat(Files.readString(data.resolve("security/jwt-public-key.pem"))).isEqualTo(publicKey);
        assertThat(Files.getPosixFilePermissions(data.resolve("security/jwt-signing-key.pem")))
                .extracting(Object::toString).containsExactlyInAnyOrder("OWNER_READ", "OWNER_WRITE");
    }

    @Test
    void theTokenCommandPrintsOnlyTheTokenAndRefusesUnknownRoles() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Console console = new Console(new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
        assertThat(LocalTokens.command(List.of("--role", "operator"), data, console)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8).trim()).matches("[\\w-]+\\.[\\w-]+\\.[\\w-]+");
        assertThatThrownBy(() -> LocalTokens.command(List.of("--role", "root"), data, console))
                .hasMessageContaining("--role must be one of");
        assertThatThrownBy(() -> LocalTokens.command(List.of("--role", "rider"), data, console))
                .hasMessageContaining("--user");
    }

    private static PublicKey publicKey(Path pem) throws Exception {
        String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64)));
    }
}
