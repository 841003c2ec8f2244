package com.mobilityhub.vehicles;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * {@code mobility.vehicles.*}.
 *
 * @param locationStaleAfter a last known location older than this is served with {@code stale=true}
 */
@ConfigurationProperties("mobility.vehicles")
public record VehicleProperties(@DefaultValue("5m") Duration locationStaleAfter) {
}
