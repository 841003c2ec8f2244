package com.mobilityhub.vehicles.reservations;

import com.mobilityhub.contracts.booking.SagaParticipation;
import com.mobilityhub.contracts.booking.SagaParticipation.State;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code GET /saga/participations?bookingIds=a,b}: vehicle-service's part in each booking's saga,
 * read from the reservations, for the hub's consistency check.
 */
@Component
public class VehicleReservationParticipationApi extends ApiRouteBuilder {

    static final String SERVICE = "vehicle-service";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final VehicleReservationRepository reservations;
    private final ReservationCancellations cancellations;
    private final TransactionTemplate readOnly;

    public VehicleReservationParticipationApi(VehicleReservationRepository reservations,
                                              ReservationCancellations cancellations,
                                              PlatformTransactionManager transactionManager) {
        this.reservations = reservations;
        this.cancellations = cancellations;
        this.readOnly = new TransactionTemplate(transactionManager);
        this.readOnly.setReadOnly(true);
    }

    @Override
    protected void configureApi() {
        rest(SagaParticipation.PATH).get().produces("application/json").to("direct:saga-participations");

        from("direct:saga-participations").routeId("saga-participations").process(this::participations);
    }

    private void participations(Exchange exchange) throws Exception {
        List<String> bookingIds = parse(exchange.getMessage().getHeader("bookingIds", String.class));
        Map<String, VehicleReservation> found = readOnly.execute(status -> reservations.findByBookingIdIn(bookingIds)
                .stream().collect(Collectors.toMap(VehicleReservation::getBookingId, Function.identity())));
        Map<String, ReservationCancellation.State> cancelled = cancellations.states(bookingIds);
        List<SagaParticipation> items = bookingIds.stream()
                .map(id -> withCancellation(participation(id, found.get(id)), cancelled.get(id))).toList();
        respond(exchange, 200, new SagaParticipation.Listing(items));
    }

    static SagaParticipation participation(String bookingId, VehicleReservation reservation) {
        UUID id = UUID.fromString(bookingId);
        if (reservation == null) {
            return new SagaParticipation(id, SERVICE, State.NONE, null, null, null);
        }
        State state = switch (reservation.getStatus()) {
            case RESERVED -> reservation.isConfirmed() ? State.COMPLETED : State.ACTIVE;
            case CONSUMED -> State.COMPLETED;
            case RELEASED -> State.COMPENSATED;
            case REJECTED -> State.FAILED;
        };
        String detail = reservation.getStatus() == ReservationStatus.REJECTED
                ? "REJECTED " + reservation.getRejectionReason() : reservation.getStatus().name();
        return new SagaParticipation(id, SERVICE, state, detail, null, reservation.getUpdatedAt());
    }

    /** A booking's cancellation, if any, is named in the detail ("RELEASED; cancellation RELEASED"). */
    static SagaParticipation withCancellation(SagaParticipation participation, ReservationCancellation.State cancellation) {
        if (cancellation == null) {
            return participation;
        }
        return new SagaParticipation(participation.bookingId(), participation.service(), participation.state(),
                (participation.detail() == null ? "" : participation.detail() + "; ") + "cancellation " + cancellation,
                participation.amount(), participation.updatedAt());
    }

    private static List<String> parse(String raw) {
        if (raw == null || raw.isBlank()) {
            throw ProblemException.invalidField("bookingIds", "is required: booking ids separated by commas");
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String id : Arrays.stream(raw.split(",")).map(String::trim).toList()) {
            if (!CANONICAL_UUID.matcher(id).matches()) {
                throw ProblemException.invalidField("bookingIds", "must be UUIDs separated by commas: " + id);
            }
            ids.add(id.toLowerCase());
        }
        if (ids.size() > SagaParticipation.MAX_IDS_PER_QUERY) {
            throw ProblemException.invalidField("bookingIds", "at most " + SagaParticipation.MAX_IDS_PER_QUERY + " ids");
        }
        return List.copyOf(ids);
    }
}
