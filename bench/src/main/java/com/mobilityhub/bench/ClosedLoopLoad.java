package com.mobilityhub.bench;

import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * N clients, each sending its next request as soon as the previous one finished (closed loop),
 * until a time limit or an operation budget runs out. Only operations that ended as expected count
 * and are timed; the others are errors.
 */
public final class ClosedLoopLoad {

    /** One operation of client {@code client}; true when it ended as expected. */
    @FunctionalInterface
    public interface Operation {
        boolean run(int client) throws Exception;
    }

    private ClosedLoopLoad() {
    }

    public static LatencyStats run(String name, int clients, Duration limit, long maxOperations, Operation operation)
            throws InterruptedException {
        AtomicLong budget = new AtomicLong(maxOperations);
        AtomicLong errors = new AtomicLong();
        AtomicLong reported = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + limit.toNanos();
        List<Future<Histogram>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(clients)) {
            for (int c = 0; c < clients; c++) {
                int client = c;
                results.add(pool.submit(() -> {
                    Histogram latencies = LatencyStats.newHistogram();
                    while (System.nanoTime() < deadline && budget.getAndDecrement() > 0) {
                        long began = System.nanoTime();
                        boolean ok;
                        try {
                            ok = operation.run(client);
                        } catch (Exception e) {
                            ok = false;
                            if (reported.incrementAndGet() <= 3) {
                                System.err.printf("  %s: %s%n", name, e);
                            }
                        }
                        if (ok) {
                            latencies.recordValue(Math.max(1, (System.nanoTime() - began) / 1000));
                        } else {
                            errors.incrementAndGet();
                        }
                    }
                    return latencies;
                }));
            }
            Histogram all = LatencyStats.newHistogram();
            for (Future<Histogram> result : results) {
                try {
                    all.add(result.get());
                } catch (java.util.concurrent.ExecutionException e) {
                    throw new IllegalStateException(name + " client failed", e.getCause());
                }
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return LatencyStats.of(all, errors.get(), seconds);
        }
    }
}
