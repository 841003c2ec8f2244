package com.mobilityhub.bench;

import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * LRA participants that do nothing: every complete/compensate callback answers 200 at once. They
 * stand in for the five saga steps, so the coordinator baseline measures the coordinator alone.
 */
public final class NoOpParticipants implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong compensations = new AtomicLong();

    public NoOpParticipants() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 256);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                body.readAllBytes();
            }
            String path = exchange.getRequestURI().getPath();
            if (path.endsWith("/complete")) {
                completions.incrementAndGet();
            } else if (path.endsWith("/compensate")) {
                compensations.incrementAndGet();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }

    /** The compensate and complete URLs of participant {@code step}. */
    public String linkHeader(int step) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/participant-" + step;
        return "<" + base + "/compensate>; rel=compensate,<" + base + "/complete>; rel=complete";
    }

    public long completions() {
        return completions.get();
    }

    public long compensations() {
        return compensations.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
