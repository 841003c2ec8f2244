package com.mobilityhub.vehicles.reservations;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A vehicle held for one booking. The booking saga creates and ends reservations. */
@Entity
@Table(name = "vehicle_reservation")
public class VehicleReservation {

    @Id
    private UUID id;

    @Column(name = "booking_id", nullable = false, updatable = false, length = 100)
    private String bookingId;

    @Column(name = "vehicle_id", nullable = false, updatable = false)
    private UUID vehicleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ReservationStatus status;

    @Column(name = "lra_id", length = 500)
    private String lraId;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    protected VehicleReservation() {
    }

    private VehicleReservation(String bookingId, UUID vehicleId, ReservationStatus status, String lraId, Instant now) {
        this.id = UUID.randomUUID();
        this.bookingId = Objects.requireNonNull(bookingId);
        this.vehicleId = Objects.requireNonNull(vehicleId);
        this.status = status;
        this.lraId = lraId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Holds {@code vehicleId} for {@code bookingId}. */
    public static VehicleReservation reserve(String bookingId, UUID vehicleId, String lraId, Instant now) {
        return new VehicleReservation(bookingId, vehicleId, ReservationStatus.RESERVED, lraId, now);
    }

    /** Ends the hold: the booking failed or was cancelled. Releasing twice changes nothing. */
    public void release(Instant now) {
        if (status == ReservationStatus.RESERVED) {
            status = ReservationStatus.RELEASED;
            updatedAt = now;
        }
    }

    public UUID getId() {
        return id;
    }

    public String getBookingId() {
        return bookingId;
    }

    public UUID getVehicleId() {
        return vehicleId;
    }

    public ReservationStatus getStatus() {
        return status;
    }

    public String getLraId() {
        return lraId;
    }

    public long getVersion() {
        return version == null ? 0 : version;
    }
}
