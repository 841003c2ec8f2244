package com.mobilityhub.coordinator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An LRA participant as a plain HTTP server: answers 200 to every complete/compensate callback and records it.
 * Callback URLs are {@code /participants/<participantId>/complete} and {@code .../compensate}.
 */
final class RecordingParticipant implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, List<String>> callbacks = new ConcurrentHashMap<>();

    private RecordingParticipant(HttpServer server) {
        this.server = server;
        server.createContext("/participants/", this::record);
        server.setExecutor(executor);
        server.start();
    }

    static RecordingParticipant start() {
        try {
            return new RecordingParticipant(
                    HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The join {@code Link} header, in the format camel-lra sends. */
    String linkHeader(String participantId) {
        String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/participants/" + participantId;
        return "<" + base + "/compensate>; rel=compensate,<" + base + "/complete>; rel=complete";
    }

    /** The callbacks ({@code complete}, {@code compensate}) this participant received, in arrival order. */
    List<String> callbacks(String participantId) {
        return List.copyOf(callbacks.getOrDefault(participantId, List.of()));
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            // /participants/<id>/<complete|compensate>
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length == 4 && "PUT".equals(exchange.getRequestMethod())) {
                callbacks.computeIfAbsent(path[2], id -> new CopyOnWriteArrayList<>()).add(path[3]);
                exchange.sendResponseHeaders(200, -1);
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.close();
    }
}
