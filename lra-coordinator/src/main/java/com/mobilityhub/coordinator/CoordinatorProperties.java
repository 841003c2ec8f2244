package com.mobilityhub.coordinator;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Where the coordinator keeps its LRA logs and how often it retries unfinished work.
 *
 * @param objectStoreDir         durable Narayana object store; an LRA lives here until every participant answered
 * @param recoveryPeriodSeconds  pause between recovery scans (unfinished callbacks are retried on each scan)
 * @param recoveryBackoffSeconds pause between the two passes of one recovery scan
 * @param objectStore            the LRA log format: one synced file per LRA ({@code file}) or an append-only journal
 */
@Validated
@ConfigurationProperties("mobility.coordinator")
public record CoordinatorProperties(
        @NotNull Path objectStoreDir,
        @Positive int recoveryPeriodSeconds,
        @Positive int recoveryBackoffSeconds,
        @NotNull ObjectStoreKind objectStore) {
}
