package com.mobilityhub.notifications.booking;

import org.springframework.boot.context.properties.ConfigurationProperties;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * TEST / DEMO FAULT INJECTOR, off by default. Makes booking confirmations fail on purpose, so the saga's
 * NOTIFICATION_FAILED path (and the compensation of every earlier step) can be shown end to end.
 * Never set these in production.
 *
 * @param failConfirmationsForUsers   {@code mobility.notifications.fail-confirmations-for-users}: riders
 *                                    whose confirmation always fails (comma-separated user ids; default none)
 * @param failConfirmationsProbability {@code mobility.notifications.fail-confirmations-probability}: share of
 *                                    all confirmations that fail, 0.0 to 1.0 (default 0.0)
 */
@ConfigurationProperties(prefix = "mobility.notifications")
public record ConfirmationFaults(List<UUID> failConfirmationsForUsers, double failConfirmationsProbability) {

    public ConfirmationFaults {
        failConfirmationsForUsers = failConfirmationsForUsers == null ? List.of() : List.copyOf(failConfirmationsForUsers);
        if (failConfirmationsProbability < 0 || failConfirmationsProbability > 1) {
            throw new IllegalArgumentException("mobility.notifications.fail-confirmations-probability must be 0.0 to 1.0");
        }
    }

    /** Why the confirmation for {@code userId} is made to fail; null when it is not. */
    String injectedFailure(UUID userId) {
        if (userId != null && failConfirmationsForUsers.contains(userId)) {
            return "confirmation delivery failed (fault injected for this rider: mobility.notifications.fail-confirmations-for-users)";
        }
        if (failConfirmationsProbability > 0 && ThreadLocalRandom.current().nextDouble() < failConfirmationsProbability) {
            return "confirmation delivery failed (fault injected at random: mobility.notifications.fail-confirmations-probability)";
        }
        return null;
    }
}
