package com.mobilityhub.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The one Dockerfile is standard and safe, and every image the manifests run has a documented build. */
class ContainerImageTest {

    @Test
    void theDockerfileRunsTheExecJarOnAJava21JreAsANonRootUserSizedByTheContainer() {
        List<String> lines = Yaml.read(Overlays.k8s().resolve("docker/Dockerfile")).lines()
                .filter(l -> !l.isBlank() && !l.startsWith("#")).toList();

        assertThat(lines.get(0)).isEqualTo("FROM eclipse-temurin:21-jre");
        assertThat(lines).contains("ARG JAR_FILE", "ENTRYPOINT [\"java\", \"-jar\", \"/app/app.jar\"]");
        assertThat(lines).filteredOn(l -> l.startsWith("USER ")).singleElement()
                .satisfies(user -> assertThat(user).matches("USER [1-9][0-9]{3,}:[1-9][0-9]{3,}"));
        assertThat(lines).filteredOn(l -> l.startsWith("ENV JAVA_TOOL_OPTIONS=")).singleElement()
                .satisfies(env -> assertThat(env).contains("-XX:MaxRAMPercentage="));
        assertThat(lines.indexOf(lines.stream().filter(l -> l.startsWith("USER ")).findFirst().orElseThrow()))
                .as("USER after every RUN and COPY").isGreaterThan(lines.indexOf(lines.stream()
                        .filter(l -> l.startsWith("COPY ")).findFirst().orElseThrow()));
    }

    @Test
    void everyImageTheManifestsRunHasABuildLineForAnExecJarOfAnExistingModule() {
        Set<String> images = new TreeSet<>();
        for (ObjectNode object : Kustomize.build(Overlays.k8s().resolve("base"))) {
            object.path("spec").path("template").path("spec").path("containers")
                    .forEach(c -> images.add(Kustomize.Image.parse(c.path("image").asText()).name()));
        }
        Pattern build = Pattern.compile("^build (\\S+)\\s+(\\S+)/target/(\\S+)-0\\.1\\.0-SNAPSHOT-exec\\.jar$",
                Pattern.MULTILINE);
        Set<String> documented = new TreeSet<>();
        Matcher matcher = build.matcher(Overlays.REPO.k8sReadme());
        while (matcher.find()) {
            documented.add("mobility-hub/" + matcher.group(1));
            assertThat(Files.isRegularFile(Overlays.REPO.root.resolve(matcher.group(2)).resolve("pom.xml")))
                    .as("module %s exists", matcher.group(2)).isTrue();
            assertThat(Yaml.read(Overlays.REPO.root.resolve(matcher.group(2)).resolve("pom.xml")))
                    .contains("<artifactId>" + matcher.group(3) + "</artifactId>");
        }

        assertThat(images).hasSize(7);
        assertThat(documented).isEqualTo(images);
    }
}
