package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.api.GeoPoint;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** The documented tariff: base + per-km x great-circle (haversine) distance, HALF_UP to cents. */
public final class Fares {

    /** Mean Earth radius (IUGG), km. */
    static final double EARTH_RADIUS_KM = 6371.0088;

    private Fares() {
    }

    public static BigDecimal fare(BookingProperties.Tariff tariff, GeoPoint pickup, GeoPoint dropoff) {
        BigDecimal km = BigDecimal.valueOf(distanceKm(pickup, dropoff));
        return tariff.base().add(tariff.perKm().multiply(km)).setScale(2, RoundingMode.HALF_UP);
    }

    public static double distanceKm(GeoPoint from, GeoPoint to) {
        double lat1 = Math.toRadians(from.lat());
        double lat2 = Math.toRadians(to.lat());
        double dLat = lat2 - lat1;
        double dLng = Math.toRadians(to.lng() - from.lng());
        double a = Math.pow(Math.sin(dLat / 2), 2) + Math.cos(lat1) * Math.cos(lat2) * Math.pow(Math.sin(dLng / 2), 2);
        return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1.0, Math.sqrt(a)));
    }
}
