package com.mobilityhub.hub.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.booking.SagaParticipation;
import com.mobilityhub.contracts.booking.SagaParticipation.State;
import com.mobilityhub.hub.bookings.Booking;
import com.mobilityhub.hub.bookings.BookingProperties;
import com.mobilityhub.hub.bookings.Bookings;
import com.mobilityhub.hub.services.DomainService;
import com.mobilityhub.hub.services.ServiceRequest;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Compares the hub's bookings with what each participant says about them. Work still in flight is
 * not a violation: pending-related checks only look at bookings (and users) quiet for the grace
 * period, and "must be terminal" only at bookings older than the saga timeout plus the grace.
 *
 * <ul>
 *   <li>{@code booking-not-terminal}: older than saga timeout + grace and still PENDING;</li>
 *   <li>{@code participant-not-completed}: CONFIRMED, yet a participant compensated, failed or never
 *       heard of it (notification-service, which has no completion, may stay ACTIVE);</li>
 *   <li>{@code participant-not-compensated}: REJECTED, yet a participant's step stands (ACTIVE/COMPLETED);</li>
 *   <li>{@code cancellation-incomplete}: CANCELLED, yet user-service still holds its fare (fee not captured),
 *       vehicle-service still reserves its vehicle, or its trip is not CANCELLED;</li>
 *   <li>{@code credits-held-mismatch}: a user's held credits differ from the fares of their
 *       PENDING/CONFIRMED bookings (holds already captured by billing excluded);</li>
 *   <li>{@code vehicle-double-booked}: two live bookings hold one vehicle (a reservation its trip has
 *       consumed holds it no more);</li>
 *   <li>{@code check-incomplete}: a service could not be asked.</li>
 * </ul>
 */
@Component
public class ConsistencyCheck {

    private static final List<DomainService> PARTICIPANTS =
            List.of(DomainService.USERS, DomainService.VEHICLES, DomainService.TRIPS, DomainService.NOTIFICATIONS);
    private static final Set<State> UNDONE = EnumSet.of(State.COMPENSATED, State.FAILED, State.NONE);
    private static final Set<State> STANDING = EnumSet.of(State.ACTIVE, State.COMPLETED);
    /** vehicle-service's detail for a reservation its trip has taken over (ReservationStatus.CONSUMED). */
    private static final String CONSUMED_RESERVATION = "CONSUMED";

    private final Bookings bookings;
    private final ProducerTemplate producer;
    private final BookingProperties properties;
    private final Duration grace;

    public ConsistencyCheck(Bookings bookings, ProducerTemplate producer, BookingProperties properties,
                            @Value("${mobility.consistency.grace:10s}") Duration grace) {
        this.bookings = bookings;
        this.producer = producer;
        this.properties = properties;
        this.grace = grace;
    }

    public ConsistencyReport run() {
        Instant now = Instant.now();
        Instant settled = now.minus(grace);
        List<Booking> all = bookings.createdBefore(now);
        List<ConsistencyReport.Violation> violations = new ArrayList<>();

        Instant mustBeTerminal = now.minus(properties.sagaTimeout()).minus(grace);
        for (Booking booking : all) {
            if (booking.status() == BookingStatus.PENDING && booking.createdAt().isBefore(mustBeTerminal)) {
                violations.add(ConsistencyReport.Violation.ofBooking("booking-not-terminal", booking.id(),
                        "PENDING since " + booking.createdAt()));
            }
        }

        Map<DomainService, Map<UUID, SagaParticipation>> participations = new LinkedHashMap<>();
        for (DomainService service : PARTICIPANTS) {
            try {
                participations.put(service, participations(service, all.stream().map(Booking::id).toList()));
            } catch (RuntimeException e) {
                violations.add(new ConsistencyReport.Violation("check-incomplete", null, null, null,
                        service.appName() + " " + SagaParticipation.PATH + ": " + e.getMessage()));
            }
        }

        for (Booking booking : all) {
            if (!booking.status().isTerminal() || !booking.updatedAt().isBefore(settled)) {
                continue;
            }
            participations.forEach((service, byBooking) -> {
                SagaParticipation participation = byBooking.get(booking.id());
                State state = participation == null ? State.NONE : participation.state();
                if (booking.status() == BookingStatus.CONFIRMED && UNDONE.contains(state)) {
                    violations.add(ConsistencyReport.Violation.ofBooking("participant-not-completed", booking.id(),
                            service.appName() + " is " + state + " for a CONFIRMED booking"));
                } else if (booking.status() == BookingStatus.REJECTED && STANDING.contains(state)) {
                    violations.add(ConsistencyReport.Violation.ofBooking("participant-not-compensated", booking.id(),
                            service.appName() + " is " + state + " for a REJECTED booking (" + booking.reason() + ")"));
                } else if (booking.status() == BookingStatus.CANCELLED && !cancellationDone(service, participation)) {
                    violations.add(ConsistencyReport.Violation.ofBooking("cancellation-incomplete", booking.id(),
                            service.appName() + " is " + state + " (" + (participation == null ? null : participation.detail())
                                    + ") for a CANCELLED booking"));
                }
            });
        }

        Map<UUID, SagaParticipation> vehicleSteps = participations.getOrDefault(DomainService.VEHICLES, Map.of());
        Map<UUID, List<Booking>> liveByVehicle = all.stream()
                .filter(b -> b.status() == BookingStatus.PENDING || b.status() == BookingStatus.CONFIRMED)
                .filter(b -> holdsItsVehicle(vehicleSteps.get(b.id())))
                .collect(Collectors.groupingBy(Booking::vehicleId));
        liveByVehicle.forEach((vehicleId, live) -> {
            // A PENDING booking that already holds the vehicle while another one is being undone is in flight.
            boolean settledNow = live.stream().allMatch(b -> b.updatedAt().isBefore(settled));
            if (live.size() > 1 && settledNow) {
                violations.add(ConsistencyReport.Violation.ofVehicle("vehicle-double-booked", vehicleId,
                        live.size() + " live bookings hold it: " + live.stream().map(b -> b.id().toString()).toList()));
            }
        });

        checkHeldCredits(all, settled, violations);
        return new ConsistencyReport(violations.isEmpty(), now, List.copyOf(violations));
    }

    /**
     * Whether a booking's vehicle step still holds the vehicle. A CONSUMED reservation does not: its trip
     * took the vehicle (IN_USE, so nobody else can reserve it) and gives it back on completion, after
     * which a new booking may hold it.
     */
    private static boolean holdsItsVehicle(SagaParticipation step) {
        // The detail may go on with the booking's cancellation ("CONSUMED; cancellation DROPPED").
        return step != null && STANDING.contains(step.state())
                && (step.detail() == null || !step.detail().startsWith(CONSUMED_RESERVATION));
    }

    /**
     * Whether a participant has let go of a CANCELLED booking, read from its participation detail: no
     * credits HELD (the fee captured, the rest released), no vehicle RESERVED, the trip CANCELLED.
     */
    private static boolean cancellationDone(DomainService service, SagaParticipation step) {
        String detail = step == null || step.detail() == null ? "" : step.detail();
        return switch (service) {
            case USERS -> !detail.startsWith("HELD");
            case VEHICLES -> !detail.startsWith("RESERVED");
            case TRIPS -> detail.contains("trip " + com.mobilityhub.contracts.api.trips.TripStatus.CANCELLED);
            default -> true;
        };
    }

    private void checkHeldCredits(List<Booking> all, Instant settled, List<ConsistencyReport.Violation> violations) {
        Map<UUID, List<Booking>> byUser = all.stream().collect(Collectors.groupingBy(Booking::userId));
        byUser.forEach((userId, own) -> {
            boolean inFlight = own.stream().anyMatch(b -> !b.updatedAt().isBefore(settled)
                    || (b.status() == BookingStatus.PENDING && !b.createdAt().isBefore(settled)));
            if (inFlight) {
                return;
            }
            JsonNode account;
            try {
                account = get(DomainService.USERS, "/users/" + userId + "/credit-account", null);
            } catch (RuntimeException e) {
                violations.add(new ConsistencyReport.Violation("check-incomplete", null, userId, null, e.getMessage()));
                return;
            }
            Set<String> captured = new HashSet<>();
            account.path("holds").forEach(hold -> {
                if ("CAPTURED".equals(hold.path("status").asText())) {
                    captured.add(hold.path("bookingId").asText());
                }
            });
            BigDecimal expected = own.stream()
                    .filter(b -> b.status() == BookingStatus.PENDING || b.status() == BookingStatus.CONFIRMED)
                    .filter(b -> !captured.contains(b.id().toString()))
                    .map(Booking::fare)
                    .reduce(BigDecimal.ZERO, BigDecimal::add);
            BigDecimal held = account.path("held").decimalValue();
            if (held.compareTo(expected) != 0) {
                violations.add(ConsistencyReport.Violation.ofUser("credits-held-mismatch", userId,
                        "user-service holds " + held.toPlainString() + ", live bookings' fares sum to "
                                + expected.toPlainString()));
            }
        });
    }

    private Map<UUID, SagaParticipation> participations(DomainService service, List<UUID> bookingIds) {
        Map<UUID, SagaParticipation> found = new HashMap<>();
        for (int from = 0; from < bookingIds.size(); from += SagaParticipation.MAX_IDS_PER_QUERY) {
            List<UUID> batch = bookingIds.subList(from, Math.min(bookingIds.size(), from + SagaParticipation.MAX_IDS_PER_QUERY));
            String query = "bookingIds=" + batch.stream().map(UUID::toString).collect(Collectors.joining(","));
            JsonNode listing = get(service, SagaParticipation.PATH, query);
            try {
                SagaParticipation.Listing items = EventJson.mapper().treeToValue(listing, SagaParticipation.Listing.class);
                items.items().forEach(item -> found.put(item.bookingId(), item));
            } catch (IOException e) {
                throw new IllegalStateException("unreadable answer: " + e.getMessage(), e);
            }
        }
        return found;
    }

    private JsonNode get(DomainService service, String path, String query) {
        Exchange call = producer.send(service.callEndpoint(), request -> {
            request.setProperty(ServiceRequest.PROPERTY, new ServiceRequest.Prepared("GET", path, query));
            request.getMessage().setHeader(Exchange.HTTP_URI, "/api/v1/admin/consistency");
        });
        if (call.getException() != null) {
            throw new IllegalStateException(call.getException().getMessage(), call.getException());
        }
        int status = call.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 500, Integer.class);
        String body = call.getMessage().getBody(String.class);
        if (status != 200) {
            throw new IllegalStateException(service.appName() + " answered " + status + " to GET " + path);
        }
        try {
            return EventJson.mapper().readTree(body);
        } catch (IOException e) {
            throw new IllegalStateException(service.appName() + " answered no JSON to GET " + path, e);
        }
    }
}
