package com.mobilityhub.billing.payments;

import jakarta.validation.constraints.NotNull;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import java.net.URI;
import java.time.Duration;

/** {@code mobility.billing.user-service.*}: where the credits live (capture of holds, credit accounts). */
@Validated
@ConfigurationProperties("mobility.billing.user-service")
public record UserServiceEndpoint(
        @NotNull @DefaultValue("http://127.0.0.1:8081") URI url,
        @NotNull @DefaultValue("3s") Duration timeout) {

    /** Camel HTTP endpoint of user-service (the path goes in {@code CamelHttpPath}); statuses are read, not thrown. */
    public String endpoint() {
        long millis = timeout.toMillis();
        return url.toString().replaceAll("/+$", "")
                + "?throwExceptionOnFailure=false"
                + "&connectTimeout=" + millis
                + "&connectionRequestTimeout=" + millis
                + "&responseTimeout=" + millis
                + "&soTimeout=" + millis;
    }
}
