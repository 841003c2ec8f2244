package com.mobilityhub.notifications.booking;

import com.mobilityhub.contracts.booking.SagaParticipation;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.notifications.cancellations.CancellationNotices;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** {@code GET /saga/participations?bookingIds=a,b}: notification-service's part in each booking's saga, for the hub's consistency check. */
@Component
public class SagaParticipationApi extends ApiRouteBuilder {

    private final BookingNotifications bookings;
    private final CancellationNotices cancellations;

    public SagaParticipationApi(BookingNotifications bookings, CancellationNotices cancellations) {
        this.bookings = bookings;
        this.cancellations = cancellations;
    }

    @Override
    protected void configureApi() {
        rest(SagaParticipation.PATH).get().to("direct:saga-participations");

        from("direct:saga-participations").routeId("saga-participations")
                .process(exchange -> respond(exchange, 200,
                        new SagaParticipation.Listing(withCancellations(bookings.participations(bookingIds(exchange))))));
    }

    /** A booking's cancellation notice, if any, is named in the detail ("...; cancellation SENT"). */
    private List<SagaParticipation> withCancellations(List<SagaParticipation> participations) {
        var states = cancellations.states(participations.stream().map(SagaParticipation::bookingId).toList());
        return participations.stream().map(p -> !states.containsKey(p.bookingId()) ? p
                : new SagaParticipation(p.bookingId(), p.service(), p.state(),
                        (p.detail() == null ? "" : p.detail() + "; ") + "cancellation " + states.get(p.bookingId()),
                        p.amount(), p.updatedAt())).toList();
    }

    /** The requested ids in order, each once; 400 naming {@code bookingIds} when absent, malformed or too many. */
    static List<UUID> bookingIds(Exchange exchange) {
        Object raw = exchange.getMessage().getHeader("bookingIds");
        String text = raw instanceof List<?> values
                ? String.join(",", values.stream().map(String::valueOf).toList())
                : raw == null ? null : raw.toString();
        if (text == null || text.isBlank()) {
            throw ProblemException.invalidField("bookingIds", "is required");
        }
        Set<UUID> ids = new LinkedHashSet<>();
        for (String id : Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            try {
                UUID parsed = UUID.fromString(id);
                if (!parsed.toString().equalsIgnoreCase(id)) {
                    throw new IllegalArgumentException(id);
                }
                ids.add(parsed);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("bookingIds", "must be UUIDs separated by commas");
            }
        }
        if (ids.isEmpty()) {
            throw ProblemException.invalidField("bookingIds", "is required");
        }
        if (ids.size() > SagaParticipation.MAX_IDS_PER_QUERY) {
            throw ProblemException.invalidField("bookingIds", "at most " + SagaParticipation.MAX_IDS_PER_QUERY + " ids");
        }
        return List.copyOf(ids);
    }
}
