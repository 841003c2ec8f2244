package com.mobilityhub.hub.bookings;

import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.time.Duration;

/**
 * {@code mobility.booking.reconciler.*}: how the hub finds bookings that no callback will ever conclude
 * (their LRA was lost in a coordinator crash) and asks the coordinator about them.
 *
 * @param period how often PENDING bookings past their time limit + grace are checked
 * @param grace  waited beyond the saga time limit, so the coordinator's own timeout and its callback go first
 * @param batch  most bookings checked per period (oldest first)
 */
@Validated
@ConfigurationProperties("mobility.booking.reconciler")
public record StaleBookingProperties(
        @NotNull @DefaultValue("10s") Duration period,
        @NotNull @DefaultValue("15s") Duration grace,
        @Min(1) @DefaultValue("100") int batch) {
}
