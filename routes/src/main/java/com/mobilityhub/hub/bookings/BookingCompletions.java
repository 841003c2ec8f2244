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
 * The re-reads back off (250 ms doubling to 2 s): with a fixed 250 ms, 32 waiting requests cost the
 * database 128 reads a second for answers the signal almost always brings first.
 */
@Component
public class BookingCompletions {

    private static final long FIRST_RECHECK_NANOS = Duration.ofMillis(250).toNanos();
    private static final long LONGEST_RECHECK_NANOS = Duration.ofSeconds(2).toNanos();

    private final Map<UUID, CompletableFuture<Void>> waiting = new ConcurrentHashMap<>();

    /** Waits up to {@code timeout} for {@code concluded} to hold. */
    public boolean await(UUID bookingId, Duration timeout, Supplier<Boolean> concluded) {
        long deadline = System.nanoTime() + timeout.toNanos();
        CompletableFuture<Void> signal = waiting.computeIfAbsent(bookingId, id -> new CompletableFuture<>());
        long recheck = FIRST_RECHECK_NANOS;
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
                    signal.get(Math.min(left, recheck), TimeUnit.NANOSECONDS);
                } catch (TimeoutException notYet) {
                    recheck = Math.min(recheck * 2, LONGEST_RECHECK_NANOS); // then look at the database again
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
