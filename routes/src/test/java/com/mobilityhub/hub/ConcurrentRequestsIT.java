package com.mobilityhub.hub;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrentRequestsIT extends ThroughTheHub {

    private static final int REQUESTS = 64;

    @Autowired
    @Qualifier("applicationTaskExecutor")
    private TaskExecutor applicationTaskExecutor;

    @Test
    void servesManyConcurrentRequestsWithoutStarving() throws Exception {
        HubClient.Response user = hub.post("/api/v1/users",
                "{\"name\":\"Crowd\",\"email\":\"" + newEmail() + "\",\"initialCredits\":1}");
        assertThat(user.status()).as(user.toString()).isEqualTo(201);
        String userPath = user.header("Location");
        long vehiclesBefore = hub.get("/api/v1/fleet/status").json().path("total").asLong();

        CountDownLatch start = new CountDownLatch(1);
        List<Future<HubClient.Response>> responses = new ArrayList<>();
        try (ExecutorService clients = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                int request = i;
                responses.add(clients.submit(() -> {
                    start.await();
                    return switch (request % 4) {
                        case 0 -> hub.post("/api/v1/vehicles",
                                "{\"vin\":\"" + newVin() + "\",\"model\":\"Crowd\",\"location\":{\"lat\":1.0,\"lng\":2.0}}");
                        case 1 -> hub.get(userPath);
                        case 2 -> hub.get("/api/v1/fleet/status");
                        default -> hub.get("/api/v1/vehicles?status=AVAILABLE&size=5");
                    };
                }));
            }
            start.countDown();
            for (int i = 0; i < REQUESTS; i++) {
                HubClient.Response response = responses.get(i).get(2, TimeUnit.MINUTES);
                assertThat(response.status()).as("request " + i + ": " + response).isEqualTo(i % 4 == 0 ? 201 : 200);
            }
        }
        assertThat(hub.get("/api/v1/fleet/status").json().path("total").asLong())
                .isEqualTo(vehiclesBefore + REQUESTS / 4);
    }

    /** platform-http runs requests on this executor: 8 platform threads unless virtual threads are on. */
    @Test
    void handlesRequestsOnVirtualThreads() throws Exception {
        CompletableFuture<Boolean> virtual = new CompletableFuture<>();
        applicationTaskExecutor.execute(() -> virtual.complete(Thread.currentThread().isVirtual()));
        assertThat(virtual.get(1, TimeUnit.MINUTES)).isTrue();
    }
}
