package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.api.bookings.BookingView;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.Problem;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * {@code POST /bookings/{id}/cancel}: a CONFIRMED booking starts the cancellation saga (unless one
 * already runs, which the request then waits for); an already CANCELLED booking answers 200 as it is;
 * PENDING or REJECTED is a 409. The request waits for the outcome (its {@code Prefer: wait=N}, else
 * {@code mobility.booking.cancellation.request-wait}): 200 CANCELLED, 409 refused (the trip started, or the
 * saga timed out), 202 with Location if still running.
 */
@Component
public class BookingCancellationRequests {

    private static final Logger LOG = LoggerFactory.getLogger(BookingCancellationRequests.class);

    private final ProducerTemplate producer;
    private final Bookings bookings;
    private final BookingCancellations cancellations;
    private final BookingCancellationRoutes routes;
    private final BookingCompletions completions;
    private final BookingRequests bookingRequests;
    private final BookingCancellationProperties properties;
    private final String publicBasePath;

    public BookingCancellationRequests(ProducerTemplate producer, Bookings bookings, BookingCancellations cancellations,
                                       BookingCancellationRoutes routes, BookingCompletions completions,
                                       BookingRequests bookingRequests, BookingCancellationProperties properties,
                                       @Value("${camel.rest.context-path:/api/v1}") String publicBasePath) {
        this.producer = producer;
        this.bookings = bookings;
        this.cancellations = cancellations;
        this.routes = routes;
        this.completions = completions;
        this.bookingRequests = bookingRequests;
        this.properties = properties;
        this.publicBasePath = publicBasePath.endsWith("/") ? publicBasePath.substring(0, publicBasePath.length() - 1)
                : publicBasePath;
    }

    /** The {@code cancel-booking-request} route's processor. */
    public void cancel(Exchange exchange) throws Exception {
        var message = exchange.getMessage();
        UUID bookingId = BookingApiRoutes.canonicalUuid(message.getHeader("id", String.class));
        if (bookingId == null) {
            throw new ProblemException(404, "urn:mobility-hub:problem:not-found", "Booking not found",
                    "No booking has this id", List.of(new Problem.FieldError("id", "must be a UUID")));
        }
        String prefer = message.getHeader(BookingRequests.PREFER, String.class);
        Duration wait = prefer == null ? properties.requestWait() : bookingRequests.preferredWait(prefer);
        String requestUri = message.getHeader(Exchange.HTTP_URI, String.class);

        Optional<String> attemptLra = Optional.empty();
        switch (cancellations.situation(bookingId)) {
            case UNKNOWN -> throw new ProblemException(404, "urn:mobility-hub:problem:not-found", "Booking not found",
                    "No booking has this id", List.of());
            case CANCELLED -> {
                ApiRouteBuilder.respond(exchange, 200, bookings.view(bookingId).orElseThrow());
                return;
            }
            case NOT_CANCELLABLE -> {
                BookingView booking = bookings.view(bookingId).orElseThrow();
                conflict(exchange, booking, requestUri, "Only a CONFIRMED booking can be cancelled; this one is "
                        + booking.status(), null);
                return;
            }
            case IN_FLIGHT -> attemptLra = cancellations.attempt(bookingId).map(BookingCancellation::lraId);
            case STARTABLE -> attemptLra = Optional.of(start(bookingId, message.getHeader(BookingRequests.CORRELATION_ID,
                    String.class)));
        }
        String lraId = attemptLra.orElseThrow();
        if (!wait.isZero()) {
            completions.await(bookingId, wait, () -> concluded(bookingId, lraId));
        }
        respond(exchange, bookingId, lraId, requestUri);
    }

    /** Starts the saga; returns the LRA of the attempt that runs (a concurrent request's, if it won). */
    private String start(UUID bookingId, String correlationId) {
        Exchange started = producer.send(BookingCancellationRoutes.START, start -> {
            start.getMessage().setHeader(BookingCancellationRoutes.BOOKING_ID, bookingId.toString());
            start.getMessage().setHeader(BookingCancellationRoutes.CORRELATION_ID,
                    correlationId == null || correlationId.isBlank() || correlationId.length() > 200
                            ? bookingId.toString() : correlationId);
        });
        String lraId = started.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
        boolean opened = started.getException() == null
                && Boolean.TRUE.equals(started.getMessage().getHeader(BookingCancellationRoutes.OPENED, Boolean.class));
        if (opened) {
            return lraId;
        }
        if (lraId != null) {
            routes.cancelUnused(lraId);
        }
        if (started.getException() != null) {
            LOG.warn("Cancellation of booking {} could not start its saga (LRA {}): {}", bookingId, lraId,
                    started.getException().toString());
            throw new ProblemException(503, "urn:mobility-hub:problem:saga-unavailable", "Cancellation not started",
                    "The cancellation saga could not be started (the LRA coordinator did not answer); the booking is "
                            + "unchanged. Try again later.", List.of());
        }
        // A concurrent request opened its attempt first (or the booking changed): follow that one.
        return cancellations.attempt(bookingId).filter(attempt -> attempt.state().inFlight())
                .map(BookingCancellation::lraId)
                .orElseThrow(() -> ProblemException.conflict("Booking not cancellable",
                        "Booking " + bookingId + " changed while the cancellation was starting; read it and try again"));
    }

    private boolean concluded(UUID bookingId, String lraId) {
        if (bookings.status(bookingId).orElse(null) == BookingStatus.CANCELLED) {
            return true;
        }
        return cancellations.attempt(bookingId).filter(attempt -> attempt.lraId().equals(lraId))
                .map(attempt -> attempt.state() == BookingCancellation.State.REFUSED
                        || attempt.state() == BookingCancellation.State.DROPPED)
                .orElse(true);
    }

    /** 200 CANCELLED; 409 when this attempt was refused or dropped; else 202 with Location. */
    private void respond(Exchange exchange, UUID bookingId, String lraId, String requestUri) throws Exception {
        BookingView booking = bookings.view(bookingId).orElseThrow();
        if (booking.status() == BookingStatus.CANCELLED) {
            ApiRouteBuilder.respond(exchange, 200, booking);
            return;
        }
        Optional<BookingCancellation> attempt = cancellations.attempt(bookingId).filter(a -> a.lraId().equals(lraId));
        boolean refused = attempt.map(a -> a.state() == BookingCancellation.State.REFUSED
                || a.state() == BookingCancellation.State.DROPPED).orElse(false);
        if (refused) {
            String why = attempt.get().detail() == null ? "the cancellation did not complete" : attempt.get().detail();
            conflict(exchange, booking, requestUri, "The booking could not be cancelled: " + why, why);
            return;
        }
        ApiRouteBuilder.respond(exchange, 202, booking);
        exchange.getMessage().setHeader("Location", publicBasePath + "/bookings/" + bookingId);
    }

    private static void conflict(Exchange exchange, BookingView booking, String requestUri, String detail, String reason)
            throws Exception {
        ObjectNode problem = EventJson.mapper().valueToTree(new Problem("urn:mobility-hub:problem:booking-not-cancellable",
                "Booking not cancellable", 409, detail, requestUri, null));
        problem.put("bookingId", booking.bookingId().toString());
        problem.put("bookingStatus", booking.status().name());
        if (reason != null) {
            problem.put("reason", reason);
        }
        ApiRouteBuilder.respond(exchange, 409, problem);
        exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
    }
}
