package com.mobilityhub.hub.bookings;

import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Lets a {@code Prefer: wait} request sleep until its booking concludes. The callback that concludes
 * it may reach another hub instance, so waiting also re-reads the database now and then; in this
 * instance the local signal wakes the waiter at once. Waiters park (virtual threads), never spin.
 */
@Component
public class BookingCompletions {

    private static final Duration RECHECK = Duration.ofMillis(250);

    private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Waits up to {@code timeout} for {@code concluded} to hold. */
    public boolean await(UUID bookingId, Duration timeout, Supplier<Boolean> concluded) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> signal = waiting.computeIfAbsent(bookingId, id -> new CompletableFuture<>());
        try {
            while (true) {
                if (concluded.get()) {
                    return true;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    signal.get(Math.min(left, RECHECK.toNanos()), TimeUnit.NANOSECONDS);
                } catch (TimeoutException recheck) {
                    // look at the database again
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return concluded.get();
        } finally {
            waiting.remove(bookingId, signal);
        }
    }

    void signal(UUID bookingId) {
        CompletableFuture<Void> signal = waiting.get(bookingId);
        if (signal != null) {
            signal.complete(null);
        }
    }
}
