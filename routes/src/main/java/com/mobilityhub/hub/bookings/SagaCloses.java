package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.EventHeaders;
import com.mobilityhub.hub.bookings.LraStatuses.LraStatus;
import org.apache.camel.ExchangePattern;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Ends LRAs without holding the Kafka consumer: {@code saga:complete} blocks until the coordinator
 * has called every participant, so closes run on the {@code close-booking-saga} consumers. A close
 * the coordinator did not take (it was down) is retried until its callback concludes the booking;
 * the request itself is stored on the booking, so a hub restart loses nothing.
 */
@Component
public class SagaCloses {

    private static final Logger LOG = LoggerFactory.getLogger(SagaCloses.class);
    private static final int RETRY_BATCH = 200;

    private final ProducerTemplate producer;
    private final Bookings bookings;
    private final BookingProperties properties;
    private final BookingMetrics metrics;
    private final LraEnds lraEnds;
    private final LraStatuses lraStatuses;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    public SagaCloses(ProducerTemplate producer, Bookings bookings, BookingProperties properties, BookingMetrics metrics,
                      LraEnds lraEnds, LraStatuses lraStatuses) {
        this.producer = producer;
        this.bookings = bookings;
        this.properties = properties;
        this.metrics = metrics;
        this.lraEnds = lraEnds;
        this.lraStatuses = lraStatuses;
    }

    /** Queues the close or cancel of {@code lraId}; returns at once. */
    public void request(UUID bookingId, String lraId, Booking.CloseRequest request) {
        if (request == Booking.CloseRequest.COMPENSATE) {
            metrics.compensationRequested("rejection");
        }
        send(bookingId, lraId, request);
    }

    private void send(UUID bookingId, String lraId, Booking.CloseRequest request) {
        if (!inFlight.add(bookingId.toString())) {
            return;
        }
        try {
            producer.send(BookingSagaRoutes.CLOSE, exchange -> {
                exchange.setPattern(ExchangePattern.InOnly);
                exchange.getMessage().setHeaders(Map.of(
                        EventHeaders.LONG_RUNNING_ACTION, lraId,
                        BookingSagaRoutes.BOOKING_ID, bookingId.toString(),
                        BookingSagaRoutes.CLOSE_REQUEST, request.name()));
            });
        } catch (RuntimeException e) {
            inFlight.remove(bookingId.toString());
            throw e;
        }
    }

    void finished(String bookingId) {
        if (bookingId != null) {
            inFlight.remove(bookingId);
        }
    }

    /**
     * Re-sends closes whose callback has not concluded the booking a few periods later, but only to an LRA the
     * coordinator still holds Active. A Closing one would be marked Closed without calling anyone (Narayana 1.1.0,
     * see lra-coordinator/README.md); a Cancelling/Cancelled one was decided against the close (its time limit
     * passed) and the hub follows it: its compensation callback, or {@link StaleBookingReconciler}, rejects the
     * booking. An unknown (lost) one is the reconciler's too.
     */
    void retryUnanswered() {
        Instant before = Instant.now().minus(properties.closeRetryPeriod().multipliedBy(3));
        for (Booking booking : bookings.unansweredCloses(before, RETRY_BATCH)) {
            LraStatus status;
            try {
                status = lraStatuses.of(booking.lraId());
            } catch (LraStatuses.CoordinatorUnavailableException e) {
                LOG.info("Not retrying unanswered closes: cannot ask the coordinator ({})", e.getMessage());
                return;
            }
            if (status != LraStatus.ACTIVE) {
                LOG.debug("Not retrying {} of booking {}: its LRA {} is {}", booking.closeRequested(), booking.id(),
                        booking.lraId(), status);
                continue;
            }
            if (booking.closeRequested() == Booking.CloseRequest.COMPLETE && timeLimitPassed(booking)) {
                // The coordinator cancels it now (at once if it was reloaded after a restart): a close would race
                // that cancel, which once ended with some participants completed and others compensated.
                LOG.info("Not retrying the close of booking {}: its LRA {} is past its time limit and will be"
                        + " cancelled", booking.id(), booking.lraId());
                continue;
            }
            LOG.info("Retrying {} of booking {} (LRA {}): no callback yet", booking.closeRequested(), booking.id(),
                    booking.lraId());
            send(booking.id(), booking.lraId(), booking.closeRequested());
        }
    }

    /** The hub joins its LRA (with the time limit) just before storing the booking. */
    private boolean timeLimitPassed(Booking booking) {
        return Instant.now().isAfter(booking.createdAt().plus(properties.sagaTimeout()));
    }

    /**
     * Cancels an LRA the hub started but cannot use (its join or the booking's transaction failed):
     * left alone it would stay Active, without a time limit if the join failed. Tries now, then keeps
     * trying in the background for {@code mobility.booking.start-cancel-period}.
     */
    public void cancelUnusedLra(String lraId) {
        metrics.compensationRequested("start-failure");
        if (tryCancel(lraId)) {
            return;
        }
        Thread.ofVirtual().name("cancel-unused-lra").start(() -> {
            long deadline = System.nanoTime() + properties.startCancelPeriod().toNanos();
            Duration pause = Duration.ofMillis(500);
            while (System.nanoTime() < deadline) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                if (tryCancel(lraId)) {
                    return;
                }
                pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15)
                        : pause.multipliedBy(2);
            }
            LOG.error("Gave up cancelling unused LRA {}: cancel it on the coordinator by hand", lraId);
        });
    }

    private boolean tryCancel(String lraId) {
        try {
            lraEnds.end(lraId, Booking.CloseRequest.COMPENSATE);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Cancelling unused LRA {} failed: {}", lraId, e.getMessage());
            return false;
        }
    }
}
