package com.mobilityhub.vehicles.fleet;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.vehicles.VehicleLocationView;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.api.vehicles.VehicleView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.PrimaryKeyJoinColumn;
import jakarta.persistence.SecondaryTable;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.SecondaryRow;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A vehicle of the fleet and its last known position (telemetry, kept in its own narrow table but
 * part of this aggregate: one version covers both, so every change yields the next event version).
 */
@Entity
@Table(name = "vehicle")
@SecondaryTable(name = Vehicle.TELEMETRY, pkJoinColumns = @PrimaryKeyJoinColumn(name = "vehicle_id"))
@SecondaryRow(table = Vehicle.TELEMETRY, optional = false)
public class Vehicle {

    static final String TELEMETRY = "vehicle_telemetry";

    /** Statuses an operator may set by hand. RESERVED and IN_USE belong to the booking saga. */
    static final Set<VehicleStatus> OPERATOR_STATUSES =
            EnumSet.of(VehicleStatus.AVAILABLE, VehicleStatus.MAINTENANCE, VehicleStatus.OFFLINE);

    @Id
    private UUID id;

    @Column(nullable = false, updatable = false, length = 17)
    private String vin;

    @Column(nullable = false, length = 100)
    private String model;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private VehicleStatus status;

    @Column(name = "firmware_version", length = 60)
    private String firmwareVersion;

    @Column(name = "mileage_km", nullable = false, precision = 12, scale = 3)
    private BigDecimal mileageKm;

    @Column(name = "registered_at", nullable = false, updatable = false)
    private Instant registeredAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Version
    private Long version;

    @Column(table = TELEMETRY, name = "lat", nullable = false)
    private double lat;

    @Column(table = TELEMETRY, name = "lng", nullable = false)
    private double lng;

    @Column(table = TELEMETRY, name = "recorded_at", nullable = false)
    private Instant locationRecordedAt;

    protected Vehicle() {
    }

    private Vehicle(UUID id, String vin, String model, GeoPoint location, Instant now) {
        this.id = id;
        this.vin = vin;
        this.model = model;
        this.status = VehicleStatus.AVAILABLE;
        this.mileageKm = BigDecimal.ZERO;
        this.registeredAt = now;
        this.updatedAt = now;
        this.lat = location.lat();
        this.lng = location.lng();
        this.locationRecordedAt = now;
    }

    /** A newly registered vehicle: AVAILABLE, where it was registered, no firmware reported yet. */
    public static Vehicle register(String vin, String model, GeoPoint location, Instant now) {
        return new Vehicle(UUID.randomUUID(), vin, model, location, now);
    }

    /** Whether an operator may move a vehicle from {@code from} to {@code to} by hand. */
    static boolean operatorMayChange(VehicleStatus from, VehicleStatus to) {
        // A vehicle in a booking is the saga's until the booking ends: taking it away by hand
        // would strand a rider (and the saga would not know to compensate).
        return OPERATOR_STATUSES.contains(from) && OPERATOR_STATUSES.contains(to);
    }

    void changeStatus(VehicleStatus newStatus, Instant now) {
        this.status = Objects.requireNonNull(newStatus);
        this.updatedAt = now;
    }

    /** The booking saga takes an AVAILABLE vehicle for a booking. */
    public void reserveForBooking(Instant now) {
        if (status != VehicleStatus.AVAILABLE) {
            throw new IllegalStateException("Vehicle " + id + " is " + status + ", not AVAILABLE");
        }
        changeStatus(VehicleStatus.RESERVED, now);
    }

    /** The booking saga gives a RESERVED vehicle back to the fleet. */
    public void releaseFromBooking(Instant now) {
        if (status != VehicleStatus.RESERVED) {
            throw new IllegalStateException("Vehicle " + id + " is " + status + ", not RESERVED");
        }
        changeStatus(VehicleStatus.AVAILABLE, now);
    }

    /** The rider started the booked trip: the vehicle the booking RESERVED is IN_USE. */
    public void startTrip(Instant now) {
        if (status != VehicleStatus.RESERVED) {
            throw new IllegalStateException("Vehicle " + id + " is " + status + ", not RESERVED");
        }
        changeStatus(VehicleStatus.IN_USE, now);
    }

    /**
     * The trip ended: its distance is added to the mileage and an IN_USE vehicle is AVAILABLE again (one an
     * operator took out of service meanwhile keeps its status).
     */
    public void finishTrip(BigDecimal distanceKm, Instant now) {
        mileageKm = mileageKm.add(distanceKm);
        if (status == VehicleStatus.IN_USE) {
            changeStatus(VehicleStatus.AVAILABLE, now);
        } else {
            updatedAt = now;
        }
    }

    public BigDecimal getMileageKm() {
        return mileageKm;
    }

    void installFirmware(String newVersion, Instant now) {
        this.firmwareVersion = Objects.requireNonNull(newVersion);
        this.updatedAt = now;
    }

    void moveTo(GeoPoint location, Instant now) {
        this.lat = location.lat();
        this.lng = location.lng();
        this.locationRecordedAt = now;
        this.updatedAt = now;
    }

    /**
     * Marks a change of state kept outside this entity (e.g. a diagnostics report), so that the
     * aggregate's version moves and the event it emits carries a new version.
     */
    public void touch(Instant now) {
        this.updatedAt = now;
    }

    public VehicleView toView() {
        return new VehicleView(id, vin, model, status, new GeoPoint(lat, lng), firmwareVersion,
                mileageKm.doubleValue(), updatedAt);
    }

    public VehicleLocationView locationView(Instant now, Duration staleAfter) {
        boolean stale = locationRecordedAt.isBefore(now.minus(staleAfter));
        return new VehicleLocationView(lat, lng, locationRecordedAt, stale);
    }

    public UUID getId() {
        return id;
    }

    public String getVin() {
        return vin;
    }

    public VehicleStatus getStatus() {
        return status;
    }

    public String getFirmwareVersion() {
        return firmwareVersion;
    }

    public Instant getUpdatedAt() {
        return updatedAt;
    }

    public Instant getLocationRecordedAt() {
        return locationRecordedAt;
    }

    public GeoPoint getLocation() {
        return new GeoPoint(lat, lng);
    }

    /** The aggregate version, carried by every event about this vehicle. */
    public long getVersion() {
        return version == null ? 0 : version;
    }
}
