package com.mobilityhub.trips;

import com.mobilityhub.contracts.Topics;
import com.mobilityhub.coordinator.CoordinatorProcess;
import com.mobilityhub.infra.SharedInfrastructure;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.util.List;

/**
 * The real LRA coordinator for this test JVM (one child process, shared by every test class), and the
 * fixed port the app under test listens on: the participant URL the app gives the coordinator must be
 * right before Camel starts, so the port is chosen here rather than by Spring at random.
 */
public final class SagaInfrastructure implements BeforeAllCallback {

    private static CoordinatorProcess coordinator;
    private static int appPort;

    @Override
    public void beforeAll(ExtensionContext context) {
        start();
    }

    public static synchronized CoordinatorProcess coordinator() {
        start();
        return coordinator;
    }

    public static synchronized int appPort() {
        start();
        return appPort;
    }

    private static synchronized void start() {
        if (coordinator != null) {
            return;
        }
        try {
            coordinator = CoordinatorProcess.start(CoordinatorProcess.freePort(),
                    Files.createTempDirectory("trip-service-lra-store"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Runtime.getRuntime().addShutdownHook(new Thread(coordinator::stop, "lra-coordinator-stop"));
        // Topics exist before the app's consumers subscribe, so none waits for a metadata refresh.
        SharedInfrastructure.get().kafka().createTopics(List.of(Topics.VEHICLES, Topics.deadLetterOf(Topics.VEHICLES),
                Topics.TRIPS, Topics.deadLetterOf(Topics.TRIPS), Topics.BILLING, Topics.deadLetterOf(Topics.BILLING)), 3);
        appPort = CoordinatorProcess.freePort();
        // System properties, not @DynamicPropertySource: every test class keeps sharing one Spring context.
        System.setProperty("server.port", Integer.toString(appPort));
        System.setProperty("camel.lra.coordinator-url", coordinator.baseUrl());
    }
}
