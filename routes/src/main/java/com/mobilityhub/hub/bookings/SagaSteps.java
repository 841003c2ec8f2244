package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.booking.BookingSaga;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each saga event sits in {@link BookingSaga}: which service emitted it for which step (or
 * compensation). Derived from the contract's table, so the hub's timeline names exactly its steps.
 */
final class SagaSteps {

    /** The service and the step (or compensation) an event belongs to. */
    record Origin(String service, String step) {
    }

    private static final Map<String, Origin> BY_EVENT_TYPE = index();

    /** Every event type the hub's timeline follows (steps, failures and undos of the participants). */
    static final List<String> FOLLOWED_EVENT_TYPES = List.copyOf(BY_EVENT_TYPE.keySet());

    private SagaSteps() {
    }

    static Optional<Origin> of(String eventType) {
        return Optional.ofNullable(BY_EVENT_TYPE.get(eventType));
    }

    static boolean isSuccess(String eventType) {
        return BookingSaga.SUCCESS_EVENTS.contains(eventType);
    }

    static boolean isFailure(String eventType) {
        return BookingSaga.FAILURE_EVENTS.contains(eventType);
    }

    private static Map<String, Origin> index() {
        Map<String, Origin> index = new HashMap<>();
        List<BookingSaga.Step> participants = BookingSaga.STEPS.stream().filter(s -> !"hub".equals(s.service())).toList();
        for (int i = 0; i < participants.size(); i++) {
            BookingSaga.Step step = participants.get(i);
            index.put(step.emits(), new Origin(step.service(), step.name()));
            index.put(step.emitsOnFailure(), new Origin(step.service(), step.name()));
            // UNDO_EVENTS lists each participant's undo event in step order.
            index.put(BookingSaga.UNDO_EVENTS.get(i), new Origin(step.service(), step.compensation()));
        }
        return Map.copyOf(index);
    }
}
