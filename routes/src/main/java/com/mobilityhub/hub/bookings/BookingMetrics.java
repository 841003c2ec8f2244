package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.booking.RejectionReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.time.Duration;

/**
 * The saga's business metrics (Prometheus names): {@code bookings_started_total},
 * {@code bookings_confirmed_total}, {@code bookings_rejected_total{reason}},
 * {@code booking_saga_duration_seconds} (created to terminal, histogram buckets for percentiles) and
 * {@code saga_compensations_total{trigger}} (rejection: a failure event; timeout: the coordinator
 * cancelled; start-failure: the hub cancelled an LRA it could not use).
 */
@Component
public class BookingMetrics {

    private final MeterRegistry registry;
    private final Counter started;
    private final Counter confirmed;
    private final Timer duration;

    public BookingMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.started = Counter.builder("bookings.started").description("Bookings accepted with an LRA started")
                .register(registry);
        this.confirmed = Counter.builder("bookings.confirmed").description("Bookings CONFIRMED").register(registry);
        this.duration = Timer.builder("booking.saga.duration")
                .description("From the booking's creation to its terminal state")
                // Buckets, so percentiles aggregate across hub instances in Prometheus:
                // histogram_quantile(0.99, sum by (le) (rate(booking_saga_duration_seconds_bucket[5m]))).
                // (Micrometer's Prometheus registry drops client-side percentiles when buckets are on.)
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(5))
                .register(registry);
    }

    void started() {
        started.increment();
    }

    void concluded(BookingStatus status, RejectionReason reason, Duration took) {
        duration.record(took);
        if (status == BookingStatus.CONFIRMED) {
            confirmed.increment();
        } else if (status == BookingStatus.REJECTED) {
            Counter.builder("bookings.rejected").description("Bookings REJECTED, by reason")
                    .tag("reason", reason == null ? "UNKNOWN" : reason.name())
                    .register(registry).increment();
        }
    }

    void compensationRequested(String trigger) {
        Counter.builder("saga.compensations").description("LRAs compensated, by what triggered it")
                .tag("trigger", trigger).register(registry).increment();
    }
}
