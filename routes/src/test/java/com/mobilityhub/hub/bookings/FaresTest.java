package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.api.GeoPoint;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;

class FaresTest {

    private static final BookingProperties.Tariff TARIFF =
            new BookingProperties.Tariff(new BigDecimal("2.50"), new BigDecimal("1.20"));

    @Test
    void chargesBasePlusPerKmOfTheGreatCircleDistanceRoundedHalfUp() {
        // One degree of longitude on the equator: 111.195 km -> 2.50 + 1.20 x 111.195 = 135.934
        assertThat(Fares.fare(TARIFF, new GeoPoint(0.0, 0.0), new GeoPoint(0.0, 1.0))).isEqualByComparingTo("135.93");
        assertThat(Fares.distanceKm(new GeoPoint(0.0, 0.0), new GeoPoint(0.0, 1.0))).isBetween(111.19, 111.20);
    }

    @Test
    void measuresAcrossTheAntimeridianTheShortWay() {
        assertThat(Fares.distanceKm(new GeoPoint(0.0, 179.5), new GeoPoint(0.0, -179.5))).isBetween(111.19, 111.20);
    }

    @Test
    void keepsTwoDecimals() {
        assertThat(Fares.fare(TARIFF, new GeoPoint(52.52, 13.405), new GeoPoint(52.50, 13.35)).scale()).isEqualTo(2);
    }
}
