package com.mobilityhub.contracts.booking;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What one participant service knows about its part in one booking's saga. Every participant
 * serves {@code GET /saga/participations?bookingIds=<id,id,...>} (at most {@link #MAX_IDS_PER_QUERY}
 * ids; unknown ids come back with state {@link State#NONE}) as {@code {items:[SagaParticipation]}};
 * the hub's consistency check compares them with the booking's status.
 *
 * @param detail the service's own state name (e.g. HELD, RELEASED, CAPTURED) for humans
 * @param amount credits held, for user-service; null elsewhere
 */
public record SagaParticipation(UUID bookingId, String service, State state, String detail, BigDecimal amount,
                                Instant updatedAt) {

    public static final String PATH = "/saga/participations";
    public static final int MAX_IDS_PER_QUERY = 200;

    /** The same life cycle in every service, whatever its own state names. */
    public enum State {
        /** The service never heard of the booking. */
        NONE,
        /** The step is done and the saga not concluded yet. */
        ACTIVE,
        /** The step was refused (e.g. insufficient credits): nothing to undo. */
        FAILED,
        /** The saga completed: the step stands. */
        COMPLETED,
        /** The step was undone, or a compensation arrived first and the step will be refused. */
        COMPENSATED
    }

    /** The response body of {@link #PATH}. */
    public record Listing(List<SagaParticipation> items) {
    }
}
