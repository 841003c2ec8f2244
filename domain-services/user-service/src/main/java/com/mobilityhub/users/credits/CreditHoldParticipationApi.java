package com.mobilityhub.users.credits;

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
 * {@code GET /saga/participations?bookingIds=a,b}: user-service's part in each booking's saga, read
 * from the credit holds, for the hub's consistency check.
 */
@Component
public class CreditHoldParticipationApi extends ApiRouteBuilder {

    static final String SERVICE = "user-service";

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    private final CreditHoldRepository holds;
    private final CancelledBookingHolds cancellations;
    private final TransactionTemplate readOnly;

    public CreditHoldParticipationApi(CreditHoldRepository holds, CancelledBookingHolds cancellations,
                                      PlatformTransactionManager transactionManager) {
        this.holds = holds;
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
        Map<String, CreditHold> found = readOnly.execute(status -> holds.findByBookingIdIn(bookingIds).stream()
                .collect(Collectors.toMap(CreditHold::getBookingId, Function.identity())));
        Map<String, CancelledBookingHold> cancelled = cancellations.of(bookingIds);
        List<SagaParticipation> items = bookingIds.stream()
                .map(id -> withCancellation(participation(id, found.get(id)), cancelled.get(id))).toList();
        respond(exchange, 200, new SagaParticipation.Listing(items));
    }

    static SagaParticipation participation(String bookingId, CreditHold hold) {
        UUID id = UUID.fromString(bookingId);
        if (hold == null) {
            return new SagaParticipation(id, SERVICE, State.NONE, null, null, null);
        }
        State state = switch (hold.getStatus()) {
            case HELD -> hold.isConfirmed() ? State.COMPLETED : State.ACTIVE;
            case CAPTURED -> State.COMPLETED;
            case RELEASED -> State.COMPENSATED;
            case REJECTED -> State.FAILED;
        };
        String detail = hold.getStatus() == CreditHoldStatus.REJECTED
                ? "REJECTED " + hold.getRejectionReason() : hold.getStatus().name();
        return new SagaParticipation(id, SERVICE, state, detail, hold.getAmount(), hold.getUpdatedAt());
    }

    /** A booking's cancellation fee, if any, is named in the detail ("CAPTURED; cancellation fee 1.84 CHARGED"). */
    static SagaParticipation withCancellation(SagaParticipation participation, CancelledBookingHold cancellation) {
        if (cancellation == null) {
            return participation;
        }
        return new SagaParticipation(participation.bookingId(), participation.service(), participation.state(),
                (participation.detail() == null ? "" : participation.detail() + "; ") + "cancellation fee " + cancellation.getFee().toPlainString() + " "
                        + cancellation.getState(), participation.amount(), participation.updatedAt());
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
