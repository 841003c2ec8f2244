package com.mobilityhub.gateway;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A stand-in for the external payment gateway, for local runs and tests (plain JDK HttpServer).
 *
 * <pre>
 * POST /payments      Idempotency-Key: k   {amount, currency, reference}
 *                     201 {paymentId, idempotencyKey, amount, currency, reference, chargedAt} (charged now)
 *                     200 the same body when k was charged before (never charged twice)
 *                     400 no key or a bad body; 503 a simulated failure (nothing charged)
 * GET  /admin/faults  {latencyMs, failureRate};  PUT /admin/faults {latencyMs, failureRate} sets them
 * GET  /admin/charges {count, charges:[...]}
 * </pre>
 *
 * Settings at start (argument {@code --name=value}, else system property, else default):
 * {@code gateway.port} (8086), {@code gateway.latency-ms} (0), {@code gateway.failure-rate} (0.0).
 */
public final class PaymentGatewaySimulator implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS); // money is never a double

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final Faults faults;
    private final Charges charges;

    private PaymentGatewaySimulator(HttpServer server, Faults faults, Charges charges) {
        this.server = server;
        this.faults = faults;
        this.charges = charges;
    }

    /** Starts on {@code host}:{@code port} (0: any free port) with an empty ledger. */
    public static PaymentGatewaySimulator start(String host, int port, Faults faults) throws IOException {
        return start(host, port, faults, new Charges());
    }

    /** Starts with the ledger {@code charges}: a gateway restarted with its ledger still never charges a key twice. */
    public static PaymentGatewaySimulator start(String host, int port, Faults faults, Charges charges) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 200);
        PaymentGatewaySimulator simulator = new PaymentGatewaySimulator(server, faults, charges);
        server.createContext("/payments", simulator::payments);
        server.createContext("/admin/faults", simulator::faults);
        server.createContext("/admin/charges", simulator::charges);
        // The local stack's launcher waits for every app's readiness at this path, as for the Spring apps.
        server.createContext("/actuator/health", exchange -> {
            try (exchange) {
                answer(exchange, 200, Map.of("status", "UP"));
            }
        });
        server.setExecutor(simulator.threads);
        server.start();
        return simulator;
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> settings = settings(args);
        int port = Integer.parseInt(settings.getOrDefault("gateway.port", "8086"));
        String host = settings.getOrDefault("gateway.host", "127.0.0.1");
        Faults faults = new Faults(Duration.ofMillis(Long.parseLong(settings.getOrDefault("gateway.latency-ms", "0"))),
                Double.parseDouble(settings.getOrDefault("gateway.failure-rate", "0")));
        PaymentGatewaySimulator simulator = start(host, port, faults);
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "gateway-stop"));
        System.out.println("payment-gateway-simulator listening on http://" + host + ":" + simulator.port()
                + " (latency " + faults.latency().toMillis() + " ms, failure rate " + faults.failureRate() + ")");
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public Faults faults() {
        return faults;
    }

    public Charges charges() {
        return charges;
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void payments(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod()) || !"/payments".equals(exchange.getRequestURI().getPath())) {
                answer(exchange, 404, Map.of("error", "no such resource"));
                return;
            }
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (key == null || key.isBlank()) {
                answer(exchange, 400, Map.of("error", "the Idempotency-Key header is required"));
                return;
            }
            PaymentRequest request;
            try {
                request = PaymentRequest.of(JSON.readTree(exchange.getRequestBody()));
            } catch (IOException | IllegalArgumentException e) {
                answer(exchange, 400, Map.of("error", "bad payment: " + e.getMessage()));
                return;
            }
            if (faults.delayThenDecideFailure()) {
                answer(exchange, 503, Map.of("error", "simulated gateway failure"));
                return;
            }
            Charges.Outcome outcome = charges.charge(key, request.amount(), request.currency(), request.reference());
            answer(exchange, outcome.created() ? 201 : 200, outcome.charge());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void faults(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("PUT".equals(exchange.getRequestMethod()) || "POST".equals(exchange.getRequestMethod())) {
                try {
                    JsonNode body = JSON.readTree(exchange.getRequestBody());
                    faults.set(Duration.ofMillis(body.path("latencyMs").asLong(faults.latency().toMillis())),
                            body.path("failureRate").asDouble(faults.failureRate()));
                } catch (IOException | IllegalArgumentException e) {
                    answer(exchange, 400, Map.of("error", e.getMessage()));
                    return;
                }
            }
            answer(exchange, 200, Map.of("latencyMs", faults.latency().toMillis(), "failureRate", faults.failureRate()));
        }
    }

    private void charges(HttpExchange exchange) throws IOException {
        try (exchange) {
            answer(exchange, 200, Map.of("count", charges.count(), "charges", charges.all()));
        }
    }

    private static void answer(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> settings(String[] args) {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String name : new String[] {"gateway.port", "gateway.host", "gateway.latency-ms", "gateway.failure-rate"}) {
            String value = System.getProperty(name);
            if (value != null) {
                settings.put(name, value);
            }
        }
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                settings.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            }
        }
        return settings;
    }

    /** A payment as posted: a positive amount with at most 2 decimals, a 3-letter currency, a free reference. */
    record PaymentRequest(BigDecimal amount, String currency, String reference) {

        static PaymentRequest of(JsonNode body) {
            if (body == null || !body.path("amount").isNumber() && !body.path("amount").isTextual()) {
                throw new IllegalArgumentException("amount is required");
            }
            BigDecimal amount = new BigDecimal(body.path("amount").asText());
            if (amount.signum() <= 0 || amount.stripTrailingZeros().scale() > 2) {
                throw new IllegalArgumentException("amount must be positive with at most 2 decimals");
            }
            String currency = body.path("currency").asText("");
            if (!currency.matches("[A-Z]{3}")) {
                throw new IllegalArgumentException("currency must be an ISO 4217 code");
            }
            return new PaymentRequest(amount, currency, body.path("reference").asText(null));
        }
    }
}
