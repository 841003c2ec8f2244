package com.mobilityhub.bench;

import java.util.List;
import java.util.Map;

/**
 * What must hold after the load: the hub's consistency check is ok, every booking the run made is
 * terminal, and every booking ended as its path expects. Anything else fails the run.
 */
public record Checks(boolean consistencyOk, List<String> violations, int bookings, List<String> nonTerminal,
                     Map<String, Long> unexpectedOutcomes, long answeredPending) {

    public boolean passed() {
        return consistencyOk && violations.isEmpty() && nonTerminal.isEmpty() && unexpectedOutcomes.isEmpty();
    }

    /** Checks of a run that measured no booking (baselines only). */
    public static Checks none() {
        return new Checks(true, List.of(), 0, List.of(), Map.of(), 0);
    }
}
