package com.mobilityhub.vehicles;

import com.mobilityhub.coordinator.CoordinatorProcess;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The JVM's one real LRA coordinator (a child JVM), and the fixed port the app under test listens
 * on: the participant URL the app gives the coordinator must be right before Camel starts, so the
 * port cannot be random.
 */
public final class SagaCoordinator {

    private static CoordinatorProcess coordinator;
    private static int appPort;

    public static synchronized CoordinatorProcess get() {
        if (coordinator == null) {
            try {
                Path store = Files.createTempDirectory(Path.of(System.getProperty("user.dir"), "target"), "lra-store-");
                coordinator = CoordinatorProcess.start(CoordinatorProcess.freePort(), store);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(coordinator::stop, "lra-coordinator-stop"));
        }
        return coordinator;
    }

    /** The port of the app under test, chosen once per JVM. */
    public static synchronized int appPort() {
        if (appPort == 0) {
            appPort = CoordinatorProcess.freePort();
        }
        return appPort;
    }

    /** Points the app at the coordinator and pins its port. Runs before the context refreshes. */
    public static class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("saga-coordinator", Map.of(
                    "server.port", appPort(),
                    "camel.lra.coordinator-url", get().baseUrl(),
                    "camel.lra.local-participant-url", "http://127.0.0.1:" + appPort())));
        }
    }

    private SagaCoordinator() {
    }
}
