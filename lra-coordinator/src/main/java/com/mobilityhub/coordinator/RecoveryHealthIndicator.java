package com.mobilityhub.coordinator;

import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * Part of the readiness group: after a restart the coordinator only knows the LRAs of the previous run once the
 * first recovery scan has loaded them; before that, closing one of them would answer 404.
 */
@Component("lraRecovery")
public class RecoveryHealthIndicator implements HealthIndicator {

    private final NarayanaRuntime narayana;

    public RecoveryHealthIndicator(NarayanaRuntime narayana) {
        this.narayana = narayana;
    }

    @Override
    public Health health() {
        Health.Builder health = narayana.initialRecoveryDone() ? Health.up() : Health.outOfService();
        return health
                .withDetail("objectStoreDir", narayana.properties().objectStoreDir().toAbsolutePath().toString())
                .withDetail("recoveryPeriodSeconds", narayana.properties().recoveryPeriodSeconds())
                .build();
    }
}
