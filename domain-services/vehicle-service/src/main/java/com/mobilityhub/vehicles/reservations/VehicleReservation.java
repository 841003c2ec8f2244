package com.mobilityhub.vehicles.reservations;

import com.mobilityhub.contracts.booking.RejectionReason;
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

/**
 * A vehicle held for one booking. The booking saga creates and ends reservations
 * ({@link VehicleReservations}). The row also records a refused step (REJECTED) and a release that
 * arrived before the step (a RELEASED tombstone naming no vehicle), so the late step is refused.
 */
@Entity
@Table(name = "vehicle_reservation")
public class VehicleReservation {

    @Id
    private UUID id;

    @Column(name = "booking_id", nullable = false, updatable = false, length = 100)
    private String bookingId;

    /** Null on a tombstone and on a rejection for an unknown vehicle. */
    @Column(name = "vehicle_id", updatable = false)
    private UUID vehicleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private ReservationStatus status;

    @Column(name = "lra_id", length = 500)
    private String lraId;

    @Enumerated(EnumType.STRING)
    @Column(name = "rejection_reason", length = 40)
    private RejectionReason rejectionReason;

    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Column(name = "booking_snapshot")
    private String bookingSnapshot;

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
        this.vehicleId = vehicleId;
        this.status = status;
        this.lraId = lraId;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** Holds {@code vehicleId} for {@code bookingId}. */
    public static VehicleReservation reserve(String bookingId, UUID vehicleId, String lraId, Instant now) {
        return new VehicleReservation(bookingId, Objects.requireNonNull(vehicleId), ReservationStatus.RESERVED, lraId, now);
    }

    /** The saga's reserve step for {@code bookingId}, as {@link #reserve} with the booking it was made for. */
    static VehicleReservation reserve(String bookingId, UUID vehicleId, String lraId, String bookingSnapshot, Instant now) {
        VehicleReservation reservation = reserve(bookingId, vehicleId, lraId, now);
        reservation.bookingSnapshot = bookingSnapshot;
        return reservation;
    }

    /** The step was refused; {@code vehicleId} is null when the vehicle is unknown. */
    static VehicleReservation rejected(String bookingId, UUID vehicleId, RejectionReason reason, String lraId,
                                       String bookingSnapshot, Instant now) {
        VehicleReservation reservation = new VehicleReservation(bookingId, vehicleId, ReservationStatus.REJECTED, lraId, now);
        reservation.rejectionReason = Objects.requireNonNull(reason);
        reservation.bookingSnapshot = bookingSnapshot;
        return reservation;
    }

    /** The booking was compensated before its step ran: a released reservation of no vehicle refuses the late step. */
    static VehicleReservation tombstone(String bookingId, String lraId, Instant now) {
        return new VehicleReservation(bookingId, null, ReservationStatus.RELEASED, lraId, now);
    }

    /** The saga completed: the reservation stands until the trip starts. Confirming twice changes nothing. */
    void confirm(Instant now) {
        if (confirmedAt == null) {
            confirmedAt = now;
            updatedAt = now;
        }
    }

    public boolean isConfirmed() {
        return confirmedAt != null;
    }

    public RejectionReason getRejectionReason() {
        return rejectionReason;
    }

    public String getBookingSnapshot() {
        return bookingSnapshot;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    /** Ends the hold: the booking failed or was cancelled. Releasing twice changes nothing. */
    public void release(Instant now) {
        if (status == ReservationStatus.RESERVED) {
            status = ReservationStatus.RELEASED;
            updatedAt = now;
        }
    }

    /** The booking's trip started and took the vehicle: the hold has done its job. Only a RESERVED hold is consumed. */
    public boolean consume(Instant now) {
        if (status != ReservationStatus.RESERVED) {
            return false;
        }
        status = ReservationStatus.CONSUMED;
        updatedAt = now;
        return true;
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
