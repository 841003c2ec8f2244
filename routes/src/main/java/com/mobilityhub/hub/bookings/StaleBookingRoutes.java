package com.mobilityhub.hub.bookings;

import org.apache.camel.builder.RouteBuilder;
import org.springframework.stereotype.Component;

/** {@code reconcile-stale-bookings}: every period, bookings no callback concluded are checked (see {@link StaleBookingReconciler}). */
@Component
public class StaleBookingRoutes extends RouteBuilder {

    private final StaleBookingReconciler reconciler;
    private final StaleBookingProperties properties;

    public StaleBookingRoutes(StaleBookingReconciler reconciler, StaleBookingProperties properties) {
        this.reconciler = reconciler;
        this.properties = properties;
    }

    @Override
    public void configure() {
        from("timer:reconcile-stale-bookings?period=" + properties.period().toMillis()
                + "&delay=" + properties.period().toMillis())
                .routeId("reconcile-stale-bookings")
                .process(exchange -> reconciler.reconcile());
    }
}
