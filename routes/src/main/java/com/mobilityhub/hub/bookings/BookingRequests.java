package com.mobilityhub.hub.bookings;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.api.bookings.BookingAccepted;
import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.api.bookings.BookingView;
import com.mobilityhub.contracts.api.bookings.RequestBooking;
import com.mobilityhub.hub.services.DomainService;
import com.mobilityhub.hub.services.ServiceRequest;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.JsonRequests;
import com.mobilityhub.kit.api.Problem;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code POST /bookings}: everything that can refuse a booking without a saga is checked first
 * (400 body, 404 unknown user or vehicle, 422 reused idempotency key); only then the LRA starts.
 * A start that fails half-way cancels its LRA and answers 503, leaving no booking behind.
 */
@Component
public class BookingRequests {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String PREFER = "Prefer";
    public static final String CORRELATION_ID = "X-Correlation-Id";
    static final int MAX_IDEMPOTENCY_KEY_LENGTH = 200;

    private static final Logger LOG = LoggerFactory.getLogger(BookingRequests.class);
    private static final Pattern WAIT = Pattern.compile("(?i)(?:^|[,;\\s])wait\\s*=\\s*\"?(\\d{1,9})\"?");

    private final JsonRequests jsonRequests;
    private final ProducerTemplate producer;
    private final Bookings bookings;
    private final BookingCompletions completions;
    private final SagaCloses closes;
    private final ExistingResources existing;
    private final BookingProperties properties;
    private final String publicBasePath;

    public BookingRequests(JsonRequests jsonRequests, ProducerTemplate producer, Bookings bookings,
                           BookingCompletions completions, SagaCloses closes, ExistingResources existing,
                           BookingProperties properties,
                           @Value("${camel.rest.context-path:/api/v1}") String publicBasePath) {
        this.jsonRequests = jsonRequests;
        this.producer = producer;
        this.bookings = bookings;
        this.completions = completions;
        this.closes = closes;
        this.existing = existing;
        this.properties = properties;
        this.publicBasePath = publicBasePath.endsWith("/") ? publicBasePath.substring(0, publicBasePath.length() - 1)
                : publicBasePath;
    }

    /** The {@code request-booking} route's processor. */
    public void request(Exchange exchange) throws Exception {
        var message = exchange.getMessage();
        RequestBooking request = jsonRequests.read(message.getBody(String.class), RequestBooking.class);
        if (request.pickup().lat().equals(request.dropoff().lat()) && request.pickup().lng().equals(request.dropoff().lng())) {
            throw ProblemException.invalidField("dropoff", "must differ from pickup");
        }
        String idempotencyKey = idempotencyKey(message.getHeader(IDEMPOTENCY_KEY, String.class));
        Duration wait = preferredWait(message.getHeader(PREFER, String.class));
        String requestHash = hash(request);
        String requestUri = message.getHeader(Exchange.HTTP_URI, String.class);

        if (idempotencyKey != null) {
            Optional<Booking> earlier = bookings.findByIdempotencyKey(idempotencyKey);
            if (earlier.isPresent()) {
                replay(exchange, earlier.get(), requestHash, wait);
                return;
            }
        }
        requireExisting(DomainService.USERS, "/users/", request.userId().toString(), "User", "userId", requestUri);
        requireExisting(DomainService.VEHICLES, "/vehicles/", request.vehicleId().toString(), "Vehicle", "vehicleId",
                requestUri);

        UUID bookingId = UUID.randomUUID();
        BigDecimal fare = Fares.fare(properties.tariff(), request.pickup(), request.dropoff());
        String correlationId = Optional.ofNullable(message.getHeader(CORRELATION_ID, String.class))
                .filter(id -> !id.isBlank() && id.length() <= 200).orElse(bookingId.toString());
        Exchange started = producer.send(BookingSagaRoutes.START, start -> {
            start.getMessage().setBody(request);
            start.getMessage().setHeader(BookingSagaRoutes.BOOKING_ID, bookingId.toString());
            start.getMessage().setHeader(BookingSagaRoutes.FARE, fare);
            start.getMessage().setHeader(BookingSagaRoutes.IDEMPOTENCY_KEY, idempotencyKey);
            start.getMessage().setHeader(BookingSagaRoutes.REQUEST_HASH, requestHash);
            start.getMessage().setHeader(BookingSagaRoutes.CORRELATION_ID, correlationId);
        });
        Exception failure = started.getException();
        if (failure != null) {
            String lraId = started.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
            if (lraId != null) {
                closes.cancelUnusedLra(lraId);
            }
            if (idempotencyKey != null && isCause(failure, DataIntegrityViolationException.class)) {
                // A concurrent request with the same key won the race: answer as it does.
                Optional<Booking> winner = bookings.findByIdempotencyKey(idempotencyKey);
                if (winner.isPresent()) {
                    replay(exchange, winner.get(), requestHash, wait);
                    return;
                }
            }
            LOG.warn("Booking {} could not start its saga (LRA {}): {}", bookingId, lraId, failure.toString());
            throw new ProblemException(503, "urn:mobility-hub:problem:saga-unavailable", "Booking not started",
                    "The booking saga could not be started (the LRA coordinator did not answer); nothing was booked. "
                            + "Try again later.", List.of());
        }
        respond(exchange, bookingId, wait);
    }

    private void replay(Exchange exchange, Booking earlier, String requestHash, Duration wait) throws Exception {
        if (!earlier.requestHash().equals(requestHash)) {
            throw new ProblemException(422, "urn:mobility-hub:problem:idempotency-key-reused",
                    "Idempotency key reused", "This Idempotency-Key was used for a different booking request ("
                    + earlier.id() + "); use a new key for a new request",
                    List.of(new Problem.FieldError(IDEMPOTENCY_KEY, "already used for a different request")));
        }
        respond(exchange, earlier.id(), wait);
    }

    /** 202 PENDING; with {@code Prefer: wait}, 201 CONFIRMED or 409 REJECTED once concluded in time. */
    private void respond(Exchange exchange, UUID bookingId, Duration wait) throws Exception {
        String requestUri = exchange.getMessage().getHeader(Exchange.HTTP_URI, String.class);
        if (!wait.isZero()) {
            completions.await(bookingId, wait,
                    () -> bookings.status(bookingId).map(BookingStatus::isTerminal).orElse(false));
        }
        BookingView booking = bookings.view(bookingId).orElseThrow();
        String location = publicBasePath + "/bookings/" + bookingId;
        if (!wait.isZero() && booking.status() == BookingStatus.CONFIRMED) {
            ApiRouteBuilder.respond(exchange, 201, booking);
        } else if (!wait.isZero() && booking.status() == BookingStatus.REJECTED) {
            ObjectNode problem = EventJson.mapper().valueToTree(new Problem("urn:mobility-hub:problem:booking-rejected",
                    "Booking rejected", 409, "The booking was rejected: " + booking.reason(), requestUri, null));
            problem.put("bookingId", bookingId.toString());
            problem.put("bookingStatus", booking.status().name());
            problem.put("reason", booking.reason());
            ApiRouteBuilder.respond(exchange, 409, problem);
            exchange.getMessage().setHeader(Exchange.CONTENT_TYPE, Problem.MEDIA_TYPE);
        } else {
            ApiRouteBuilder.respond(exchange, 202, new BookingAccepted(bookingId, booking.status()));
        }
        exchange.getMessage().setHeader("Location", location);
    }

    /**
     * 404 when the service does not know the id; a service that cannot answer is a 503 (thrown by its call route).
     * An id the service confirmed before is not asked again ({@link ExistingResources}).
     */
    private void requireExisting(DomainService service, String collection, String id, String resource, String field,
                                 String requestUri) throws Exception {
        if (existing.isConfirmed(service, id)) {
            return;
        }
        Exchange call = producer.send(service.callEndpoint(), lookup -> {
            lookup.setProperty(ServiceRequest.PROPERTY, new ServiceRequest.Prepared("GET", collection + id, null));
            lookup.getMessage().setHeader(Exchange.HTTP_URI, requestUri);
        });
        if (call.getException() != null) {
            throw call.getException();
        }
        int status = call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 500, Integer.class);
        if (status == 404) {
            throw new ProblemException(404, "urn:mobility-hub:problem:not-found", resource + " not found",
                    "No " + resource.toLowerCase() + " has this id", List.of(new Problem.FieldError(field, "unknown")));
        }
        if (status != 200) {
            throw new ProblemException(503, "urn:mobility-hub:problem:service-unavailable", "Service unavailable",
                    service.appName() + " answered " + status + " when asked for the " + resource.toLowerCase()
                            + "; try again later", List.of());
        }
        existing.confirm(service, id);
    }

    static String idempotencyKey(String raw) {
        if (raw == null) {
            return null;
        }
        String key = raw.trim();
        if (key.isEmpty() || key.length() > MAX_IDEMPOTENCY_KEY_LENGTH) {
            throw ProblemException.invalidField(IDEMPOTENCY_KEY,
                    "must be 1 to " + MAX_IDEMPOTENCY_KEY_LENGTH + " characters");
        }
        return key;
    }

    /** {@code Prefer: wait=N} (RFC 7240), capped at {@code mobility.booking.max-wait}; anything else means no wait. */
    Duration preferredWait(String prefer) {
        if (prefer == null) {
            return Duration.ZERO;
        }
        Matcher wait = WAIT.matcher(prefer);
        if (!wait.find()) {
            return Duration.ZERO;
        }
        Duration requested = Duration.ofSeconds(Long.parseLong(wait.group(1)));
        return requested.compareTo(properties.maxWait()) > 0 ? properties.maxWait() : requested;
    }

    /** Same booking request = same user, vehicle, pickup and dropoff, however the JSON was written. */
    static String hash(RequestBooking request) {
        String canonical = request.userId() + "|" + request.vehicleId() + "|" + request.pickup().lat() + ","
                + request.pickup().lng() + "|" + request.dropoff().lat() + "," + request.dropoff().lng();
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
