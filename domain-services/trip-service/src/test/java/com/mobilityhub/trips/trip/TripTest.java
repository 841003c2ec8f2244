package com.mobilityhub.trips.trip;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.api.trips.TripView;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TripTest {

    private static final Instant T0 = Instant.parse("2025-01-01T10:00:00Z");

    @Test
    void startsCreatedWithNoRouteAndTheFareAtTwoDecimals() {
        TripView trip = newTrip().toView();

        assertThat(trip.status()).isEqualTo(TripStatus.CREATED);
        assertThat(trip.route()).isEmpty();
        assertThat(trip.fare()).isEqualTo(new BigDecimal("12.50"));
        assertThat(trip.createdAt()).isEqualTo(T0).isEqualTo(trip.updatedAt());
    }

    @Test
    void refusesAFareWithMoreThanTwoDecimals() {
        assertThatThrownBy(() -> Trip.create("b", UUID.randomUUID(), UUID.randomUUID(), new GeoPoint(0.0, 0.0),
                new GeoPoint(1.0, 1.0), new BigDecimal("1.005"), T0)).isInstanceOf(ArithmeticException.class);
    }

    @Test
    void numbersRoutePointsInTheOrderTheyWereRecorded() {
        Trip trip = newTrip();
        trip.start(T0.plusSeconds(5));
        trip.recordPosition(new GeoPoint(1.0, 2.0), T0.plusSeconds(10));
        trip.recordPosition(new GeoPoint(3.0, 4.0), T0.plusSeconds(20));

        assertThat(trip.toView().route()).containsExactly(
                new TripView.RoutePoint(0, 1.0, 2.0, T0.plusSeconds(10)),
                new TripView.RoutePoint(1, 3.0, 4.0, T0.plusSeconds(20)));
        assertThat(trip.toView().updatedAt()).isEqualTo(T0.plusSeconds(20));
    }

    @Test
    void goesFromCreatedThroughInProgressToCompleted() {
        Trip trip = newTrip();
        trip.start(T0.plusSeconds(1));
        assertThat(trip.getStatus()).isEqualTo(TripStatus.IN_PROGRESS);
        assertThatThrownBy(() -> trip.start(T0.plusSeconds(2))).isInstanceOf(IllegalTripTransition.class);
        trip.complete(new BigDecimal("12.3"), new BigDecimal("25"), new BigDecimal("2.25"), T0.plusSeconds(3));
        assertThat(trip.getStatus()).isEqualTo(TripStatus.COMPLETED);
        assertThat(trip.toView().updatedAt()).isEqualTo(T0.plusSeconds(3));
        assertThat(trip.toView().startedAt()).isEqualTo(T0.plusSeconds(1));
        assertThat(trip.toView().measured()).isEqualTo(new TripView.Measurements(
                new BigDecimal("12.300"), new BigDecimal("25.00"), new BigDecimal("2.250")));
        assertThatThrownBy(() -> trip.complete(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, T0.plusSeconds(4)))
                .isInstanceOf(IllegalTripTransition.class);
        assertThat(trip.toView().measured().distanceKm()).isEqualTo(new BigDecimal("12.300"));

        assertThatThrownBy(() -> trip.cancel(T0.plusSeconds(4))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void cancelsOnlyATripThatHasNotStarted() {
        Trip created = newTrip();
        created.cancel(T0.plusSeconds(1));
        created.cancel(T0.plusSeconds(2));
        assertThat(created.getStatus()).isEqualTo(TripStatus.CANCELLED);
        assertThatThrownBy(() -> created.start(T0.plusSeconds(3))).isInstanceOf(IllegalStateException.class);

        Trip started = newTrip();
        started.start(T0.plusSeconds(1));
        assertThatThrownBy(() -> started.cancel(T0.plusSeconds(2))).isInstanceOf(IllegalStateException.class);
    }

    private static Trip newTrip() {
        return Trip.create("booking-1", UUID.randomUUID(), UUID.randomUUID(), new GeoPoint(52.5, 13.4),
                new GeoPoint(52.6, 13.5), new BigDecimal("12.5"), T0);
    }

    @Test
    void refusesToCompleteATripThatHasNotStartedOrToTrackOneThatIsNotRunning() {
        Trip trip = newTrip();
        assertThatThrownBy(() -> trip.complete(BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, T0.plusSeconds(1)))
                .isInstanceOf(IllegalTripTransition.class);
        assertThatThrownBy(() -> trip.recordPosition(new GeoPoint(1.0, 2.0), T0.plusSeconds(1)))
                .isInstanceOf(IllegalTripTransition.class);
        assertThat(trip.getStatus()).isEqualTo(TripStatus.CREATED);
        assertThat(trip.toView().route()).isEmpty();
        assertThat(trip.toView().measured()).isNull();
    }

    @Test
    void refusesMeasurementsMorePreciseThanStoredRatherThanRoundingThem() {
        Trip trip = newTrip();
        trip.start(T0.plusSeconds(1));
        assertThatThrownBy(() -> trip.complete(new BigDecimal("1.0001"), BigDecimal.ONE, BigDecimal.ONE, T0.plusSeconds(2)))
                .isInstanceOf(ArithmeticException.class);
        assertThat(trip.getStatus()).isEqualTo(TripStatus.IN_PROGRESS);
    }
}
