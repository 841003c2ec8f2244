package com.mobilityhub.hub.bookings;

import com.mobilityhub.hub.bookings.LraStatuses.CoordinatorUnavailableException;
import com.mobilityhub.hub.bookings.LraStatuses.LraStatus;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Concludes bookings that no coordinator callback will ever conclude. A PENDING booking older than its
 * saga's time limit + grace should have had its completion or compensation callback; when it has not,
 * the hub asks the coordinator what became of its LRA and follows the answer:
 * <ul>
 *   <li>unknown (404, asked twice, a period apart): the LRA was lost in a coordinator crash (it had just
 *       started, or its store file was cut short). Nobody could join it, so nobody holds anything:
 *       REJECTED TIMEOUT, through the compensation callback's own path ({@link Bookings#reject});</li>
 *   <li>Cancelled / Closed but the booking still PENDING: the callback was lost; conclude as it would have;</li>
 *   <li>Active: its time limit never fired (it was never set); cancel it, as the time limit would have, and
 *       the compensation callback rejects the booking;</li>
 *   <li>Closing / Cancelling: the coordinator is still ending it (recovery retries its callbacks).</li>
 * </ul>
 * While the coordinator cannot be asked (down, restarting) nothing is decided. Every conclusion locks the
 * booking's row and re-checks it is PENDING, so a callback arriving at the same moment wins or is a no-op.
 * Metric: {@code booking_reconciliations_total{outcome}}.
 */
@Component
public class StaleBookingReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(StaleBookingReconciler.class);

    private final StaleBookingRepository staleBookings;
    private final Bookings bookings;
    private final LraStatuses lraStatuses;
    private final LraEnds lraEnds;
    private final BookingProperties bookingProperties;
    private final StaleBookingProperties properties;
    private final MeterRegistry registry;
    /** Bookings whose LRA the coordinator said it does not know, since when: a single 404 decides nothing. */
    private final Map<UUID, Instant> unknownSince = new ConcurrentHashMap<>();

    public StaleBookingReconciler(StaleBookingRepository staleBookings, Bookings bookings, LraStatuses lraStatuses,
                                  LraEnds lraEnds, BookingProperties bookingProperties,
                                  StaleBookingProperties properties, MeterRegistry registry) {
        this.staleBookings = staleBookings;
        this.bookings = bookings;
        this.lraStatuses = lraStatuses;
        this.lraEnds = lraEnds;
        this.bookingProperties = bookingProperties;
        this.properties = properties;
        this.registry = registry;
    }

    /** One pass over the oldest stale bookings; stops at the first sign the coordinator cannot answer. */
    public void reconcile() {
        Instant now = Instant.now();
        Instant createdBefore = now.minus(bookingProperties.sagaTimeout()).minus(properties.grace());
        List<Booking> stale = staleBookings.findPendingCreatedBefore(createdBefore,
                PageRequest.of(0, properties.batch()));
        Set<UUID> seen = new HashSet<>();
        for (Booking booking : stale) {
            seen.add(booking.id());
            try {
                reconcile(booking, lraStatuses.of(booking.lraId()), now);
            } catch (CoordinatorUnavailableException e) {
                LOG.info("Stale booking {} left PENDING: cannot ask the coordinator ({})", booking.id(), e.getMessage());
                count("coordinator-unavailable");
                // A 404 before the outage must be confirmed after it.
                unknownSince.clear();
                return;
            } catch (RuntimeException e) {
                LOG.warn("Reconciling stale booking {} (LRA {}) failed; next period retries", booking.id(),
                        booking.lraId(), e);
                count("failed");
            }
        }
        unknownSince.keySet().retainAll(seen);
    }

    private void reconcile(Booking booking, LraStatus status, Instant now) {
        if (status != LraStatus.UNKNOWN) {
            unknownSince.remove(booking.id());
        }
        switch (status) {
            case UNKNOWN -> {
                Instant first = unknownSince.putIfAbsent(booking.id(), now);
                if (first == null || now.isBefore(first.plus(properties.period().dividedBy(2)))) {
                    count("lra-unknown-once");
                    return;
                }
                LOG.warn("Booking {} is PENDING past its time limit and the coordinator does not know its LRA {}"
                        + " (lost in a crash): REJECTED TIMEOUT", booking.id(), booking.lraId());
                bookings.reject(booking.id());
                unknownSince.remove(booking.id());
                count("rejected-lra-lost");
            }
            case CANCELLED -> {
                LOG.warn("LRA {} was cancelled but booking {} is still PENDING: rejecting it", booking.lraId(),
                        booking.id());
                bookings.reject(booking.id());
                count("rejected-lra-cancelled");
            }
            case CLOSED -> {
                LOG.warn("LRA {} was closed but booking {} is still PENDING: confirming it", booking.lraId(),
                        booking.id());
                bookings.confirm(booking.id());
                count("confirmed-lra-closed");
            }
            case ACTIVE -> {
                // Past its time limit the outcome is a cancel, also when the hub had asked to close: SagaCloses
                // stops retrying a close once the time limit passed, and the hub follows the cancel.
                LOG.warn("LRA {} of booking {} is still Active past its time limit (none was set?): cancelling it",
                        booking.lraId(), booking.id());
                lraEnds.end(booking.lraId(), Booking.CloseRequest.COMPENSATE);
                count("cancelled-overdue-lra");
            }
            default -> count("coordinator-ending");
        }
    }

    private void count(String outcome) {
        Counter.builder("booking.reconciliations")
                .description("Stale PENDING bookings checked against the coordinator, by what was done")
                .tag("outcome", outcome).register(registry).increment();
    }
}
