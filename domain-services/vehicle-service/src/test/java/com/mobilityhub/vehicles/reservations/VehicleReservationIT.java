package com.mobilityhub.vehicles.reservations;

import com.mobilityhub.vehicles.ApiClient;
import com.mobilityhub.vehicles.Vehicles;
import com.mobilityhub.vehicles.WholeVehicleService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The database, not only the code, keeps a vehicle to one active reservation. */
@WholeVehicleService
class VehicleReservationIT {

    @LocalServerPort
    int port;
    @Autowired
    VehicleReservationRepository reservations;
    @Autowired
    JdbcTemplate jdbc;

    UUID vehicleId;

    @BeforeEach
    void registerVehicle() {
        vehicleId = Vehicles.register(new ApiClient(port)).id();
    }

    @Test
    void refusesASecondActiveReservationOfOneVehicle() {
        reservations.saveAndFlush(VehicleReservation.reserve(booking(), vehicleId, null, Instant.now()));

        assertThatThrownBy(() -> reservations.saveAndFlush(
                VehicleReservation.reserve(booking(), vehicleId, null, Instant.now())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("vehicle_reservation_one_active_per_vehicle");

        // Writers that bypass JPA meet the same index.
        assertThatThrownBy(() -> jdbc.update("""
                insert into vehicle_reservation (id, booking_id, vehicle_id, status, created_at, updated_at, version)
                values (?, ?, ?, 'RESERVED', now(), now(), 0)""", UUID.randomUUID(), booking(), vehicleId))
                .isInstanceOf(DuplicateKeyException.class)
                .hasMessageContaining("vehicle_reservation_one_active_per_vehicle");
        assertThat(activeReservations()).isOne();
    }

    @Test
    void allowsANewReservationOnceTheActiveOneIsReleased() {
        VehicleReservation first = reservations.saveAndFlush(
                VehicleReservation.reserve(booking(), vehicleId, "http://coordinator/lra/1", Instant.now()));
        first.release(Instant.now());
        reservations.saveAndFlush(first);

        VehicleReservation second = reservations.saveAndFlush(
                VehicleReservation.reserve(booking(), vehicleId, null, Instant.now()));

        assertThat(reservations.findByVehicleIdAndStatus(vehicleId, ReservationStatus.RESERVED))
                .get().extracting(VehicleReservation::getId).isEqualTo(second.getId());
        assertThat(reservations.findById(first.getId())).get()
                .extracting(VehicleReservation::getStatus).isEqualTo(ReservationStatus.RELEASED);
        assertThat(activeReservations()).isOne();
    }

    @Test
    void keepsOneReservationPerBooking() {
        String booking = booking();
        reservations.saveAndFlush(VehicleReservation.reserve(booking, vehicleId, null, Instant.now()));
        UUID otherVehicle = Vehicles.register(new ApiClient(port)).id();

        assertThatThrownBy(() -> reservations.saveAndFlush(
                VehicleReservation.reserve(booking, otherVehicle, null, Instant.now())))
                .isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("vehicle_reservation_booking_key");
    }

    private long activeReservations() {
        return jdbc.queryForObject("select count(*) from vehicle_reservation where vehicle_id = ? and status = 'RESERVED'",
                Long.class, vehicleId);
    }

    private static String booking() {
        return UUID.randomUUID().toString();
    }
}
