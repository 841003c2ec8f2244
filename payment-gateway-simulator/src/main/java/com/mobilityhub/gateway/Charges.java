package com.mobilityhub.gateway;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the gateway has charged, by idempotency key. A key is charged at most once, whatever the
 * number of (concurrent) requests that carry it: a repeat gets the first charge back.
 */
public final class Charges {

    private final Map<String, Charge> byKey = new ConcurrentHashMap<>();
    private final AtomicLong charged = new AtomicLong();

    public Charges() {
    }

    /** The charge of {@code key}: new ({@link Outcome#created()}) or the one made before. */
    Outcome charge(String key, BigDecimal amount, String currency, String reference) {
        boolean[] created = {false};
        Charge charge = byKey.computeIfAbsent(key, k -> {
            created[0] = true;
            charged.incrementAndGet();
            return new Charge(UUID.randomUUID(), k, amount, currency, reference, Instant.now());
        });
        return new Outcome(charge, created[0]);
    }

    /** How many charges were made (repeats of a key not counted). */
    public long count() {
        return charged.get();
    }

    /** The charges made with each key; a key appears once. */
    public List<Charge> all() {
        return List.copyOf(byKey.values());
    }

    public record Charge(UUID paymentId, String idempotencyKey, BigDecimal amount, String currency, String reference,
                         Instant chargedAt) {
    }

    record Outcome(Charge charge, boolean created) {
    }
}
