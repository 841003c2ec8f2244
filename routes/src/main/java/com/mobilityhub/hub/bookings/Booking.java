package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.booking.BookingSnapshot;
import com.mobilityhub.contracts.booking.RejectionReason;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * A booking and the state of its saga. PENDING is the semantic lock while the LRA runs; the
 * coordinator's completion or compensation callback makes it CONFIRMED or REJECTED.
 */
@Entity
@Table(name = "booking")
public class Booking {

    /** What the hub asked the coordinator once the saga's terminal event arrived. */
    public enum CloseRequest { COMPLETE, COMPENSATE }

    @Id
    private UUID id;

    @Column(name = "user_id", nullable = false)
    private UUID userId;

    @Column(name = "vehicle_id", nullable = false)
    private UUID vehicleId;

    @Column(name = "pickup_lat", nullable = false)
    private double pickupLat;

    @Column(name = "pickup_lng", nullable = false)
    private double pickupLng;

    @Column(name = "dropoff_lat", nullable = false)
    private double dropoffLat;

    @Column(name = "dropoff_lng", nullable = false)
    private double dropoffLng;

    @Column(nullable = false, precision = 14, scale = 2)
    private BigDecimal fare;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private BookingStatus status;

    @Enumerated(EnumType.STRING)
    private RejectionReason reason;

    @Column(name = "lra_id", nullable = false)
    private String lraId;

    @Column(name = "trip_id")
    private UUID tripId;

    @Enumerated(EnumType.STRING)
    @Column(name = "close_requested")
    private CloseRequest closeRequested;

    @Column(name = "idempotency_key")
    private String idempotencyKey;

    @Column(name = "request_hash")
    private String requestHash;

    @Column(name = "created_at", nullable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    /** When the saga confirmed it: the cancellation fee rule counts from here. */
    @Column(name = "confirmed_at")
    private Instant confirmedAt;

    @Version
    private long version;

    protected Booking() {
    }

    Booking(UUID id, UUID userId, UUID vehicleId, GeoPoint pickup, GeoPoint dropoff, BigDecimal fare, String lraId,
            String idempotencyKey, String requestHash, Instant now) {
        this.id = id;
        this.userId = userId;
        this.vehicleId = vehicleId;
        this.pickupLat = pickup.lat();
        this.pickupLng = pickup.lng();
        this.dropoffLat = dropoff.lat();
        this.dropoffLng = dropoff.lng();
        this.fare = fare;
        this.status = BookingStatus.PENDING;
        this.lraId = lraId;
        this.idempotencyKey = idempotencyKey;
        this.requestHash = requestHash;
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The first terminal event wins: later ones (a duplicate saga end) change nothing. */
    boolean requestClose(CloseRequest request, RejectionReason reason, Instant now) {
        if (status.isTerminal() || closeRequested != null) {
            return false;
        }
        closeRequested = request;
        if (reason != null) {
            this.reason = reason;
        }
        updatedAt = now;
        return true;
    }

    void recordTrip(UUID tripId, Instant now) {
        if (this.tripId == null) {
            this.tripId = tripId;
            updatedAt = now;
        }
    }

    /** Returns false when the booking was already terminal (a repeated callback). */
    boolean confirm(Instant now) {
        if (status.isTerminal()) {
            return false;
        }
        status = BookingStatus.CONFIRMED;
        reason = null;
        confirmedAt = now;
        updatedAt = now;
        return true;
    }

    /** The cancellation saga completed (BookingCancellations): CONFIRMED -> CANCELLED. Returns false when not CONFIRMED. */
    boolean cancel(Instant now) {
        if (status != BookingStatus.CONFIRMED) {
            return false;
        }
        status = BookingStatus.CANCELLED;
        updatedAt = now;
        return true;
    }

    /** A cancellation attempt started or ended: the consistency check's grace counts from here. */
    void touch(Instant now) {
        updatedAt = now;
    }

    /** REJECTED with the reason a failure event recorded, or TIMEOUT when none did (the coordinator cancelled). */
    boolean reject(Instant now) {
        if (status.isTerminal()) {
            return false;
        }
        status = BookingStatus.REJECTED;
        if (reason == null) {
            reason = RejectionReason.TIMEOUT;
        }
        updatedAt = now;
        return true;
    }

    public BookingSnapshot snapshot() {
        return new BookingSnapshot(id, userId, vehicleId, pickup(), dropoff(), fare);
    }

    public GeoPoint pickup() {
        return new GeoPoint(pickupLat, pickupLng);
    }

    public GeoPoint dropoff() {
        return new GeoPoint(dropoffLat, dropoffLng);
    }

    public UUID id() {
        return id;
    }

    public UUID userId() {
        return userId;
    }

    public UUID vehicleId() {
        return vehicleId;
    }

    public BigDecimal fare() {
        return fare;
    }

    public BookingStatus status() {
        return status;
    }

    public RejectionReason reason() {
        return reason;
    }

    public String lraId() {
        return lraId;
    }

    public UUID tripId() {
        return tripId;
    }

    public CloseRequest closeRequested() {
        return closeRequested;
    }

    public String requestHash() {
        return requestHash;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant updatedAt() {
        return updatedAt;
    }

    /** Null for bookings confirmed before this was recorded, and for bookings never confirmed. */
    public Instant confirmedAt() {
        return confirmedAt;
    }

    public long version() {
        return version;
    }
}
