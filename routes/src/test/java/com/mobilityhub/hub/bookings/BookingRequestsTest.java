package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.bookings.RequestBooking;
import com.mobilityhub.kit.api.ProblemException;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BookingRequestsTest {

    private final BookingRequests requests = new BookingRequests(null, null, null, null, null, null,
            new BookingProperties(new BookingProperties.Tariff(BigDecimal.ONE, BigDecimal.ONE), Duration.ofSeconds(30),
                    Duration.ofSeconds(30), 1, Duration.ofSeconds(2), Duration.ofSeconds(30), Duration.ofMinutes(1)), "/api/v1");

    @Test
    void readsTheWaitPreferenceAndCapsIt() {
        assertThat(requests.preferredWait(null)).isZero();
        assertThat(requests.preferredWait("wait=5")).hasSeconds(5);
        assertThat(requests.preferredWait("respond-async, wait=12")).hasSeconds(12);
        assertThat(requests.preferredWait("wait=600")).hasSeconds(30);
        assertThat(requests.preferredWait("handling=strict")).isZero();
        assertThat(requests.preferredWait("wait=soon")).isZero();
    }

    @Test
    void hashesTheRequestNotItsSpelling() {
        UUID user = UUID.randomUUID();
        UUID vehicle = UUID.randomUUID();
        RequestBooking one = new RequestBooking(user, vehicle, new GeoPoint(1.0, 2.0), new GeoPoint(3.0, 4.0));
        RequestBooking same = new RequestBooking(user, vehicle, new GeoPoint(1.00, 2.0), new GeoPoint(3.0, 4.000));
        RequestBooking other = new RequestBooking(user, vehicle, new GeoPoint(1.0, 2.0), new GeoPoint(3.0, 4.5));
        assertThat(BookingRequests.hash(one)).isEqualTo(BookingRequests.hash(same)).isNotEqualTo(BookingRequests.hash(other));
    }

    @Test
    void refusesBlankOrOverlongIdempotencyKeys() {
        assertThat(BookingRequests.idempotencyKey(null)).isNull();
        assertThat(BookingRequests.idempotencyKey(" k-1 ")).isEqualTo("k-1");
        assertThatThrownBy(() -> BookingRequests.idempotencyKey(" ")).isInstanceOf(ProblemException.class);
        assertThatThrownBy(() -> BookingRequests.idempotencyKey("k".repeat(201))).isInstanceOf(ProblemException.class);
    }
}
