package com.mobilityhub.billing.payments;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code mobility.billing.settlement.*}: the settle-pending-invoices route.
 *
 * @param period how often it looks for invoices to settle
 * @param grace  an ISSUED invoice older than this lost its first settlement (crash, user-service down): retried too
 * @param batch  invoices settled per run, oldest first
 */
@Validated
@ConfigurationProperties("mobility.billing.settlement")
public record SettlementSchedule(
        @NotNull @DefaultValue("5s") Duration period,
        @NotNull @DefaultValue("30s") Duration grace,
        @Min(1) @DefaultValue("100") int batch) {
}
