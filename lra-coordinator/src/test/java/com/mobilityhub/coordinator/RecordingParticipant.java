package com.mobilityhub.coordinator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * An LRA participant as a plain HTTP server: answers 200 to every complete/compensate callback and records it.
 * Callback URLs are {@code /participants/<participantId>/complete} and {@code .../compensate}.
 *
 * <p>A participant can also be made sick: {@link #hang} keeps its callbacks unanswered (the coordinator gives up on
 * one after 2 s and retries on a later recovery scan), {@link #fail} answers them 503; {@link #heal} ends both.
 */
final class RecordingParticipant implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, List<String>> callbacks = new ConcurrentHashMap<>();
    private final Map<String, List<String>> answered = new ConcurrentHashMap<>();
    private final Map<String, CountDownLatch> hanging = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();

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

    /** The callbacks this participant answered 200 (a sick participant's attempts are not among them). */
    List<String> answeredCallbacks(String participantId) {
        return List.copyOf(answered.getOrDefault(participantId, List.of()));
    }

    /** From now on the participant's callbacks arrive but get no answer until {@link #heal}. */
    void hang(String participantId) {
        hanging.putIfAbsent(participantId, new CountDownLatch(1));
    }

    /** From now on the participant answers its callbacks 503 until {@link #heal}. */
    void fail(String participantId) {
        failing.add(participantId);
    }

    /** Callbacks are answered 200 again; hung ones are released (their caller may be long gone). */
    void heal(String participantId) {
        failing.remove(participantId);
        CountDownLatch hung = hanging.remove(participantId);
        if (hung != null) {
            hung.countDown();
        }
    }

    private void record(HttpExchange exchange) throws IOException {
        try (exchange) {
            // /participants/<id>/<complete|compensate>
            String[] path = exchange.getRequestURI().getPath().split("/");
            if (path.length == 4 && "PUT".equals(exchange.getRequestMethod())) {
                String participantId = path[2];
                callbacks.computeIfAbsent(participantId, id -> new CopyOnWriteArrayList<>()).add(path[3]);
                CountDownLatch hung = hanging.get(participantId);
                if (hung != null) {
                    awaitQuietly(hung);
                    exchange.sendResponseHeaders(503, -1);
                } else if (failing.contains(participantId)) {
                    exchange.sendResponseHeaders(503, -1);
                } else {
                    answered.computeIfAbsent(participantId, id -> new CopyOnWriteArrayList<>()).add(path[3]);
                    exchange.sendResponseHeaders(200, -1);
                }
            } else {
                exchange.sendResponseHeaders(404, -1);
            }
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        // A hung callback would keep the executor (and this close) waiting forever.
        List.copyOf(hanging.keySet()).forEach(this::heal);
        server.stop(0);
        executor.close();
    }
}
