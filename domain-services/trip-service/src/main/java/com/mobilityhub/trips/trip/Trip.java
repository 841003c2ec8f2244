package com.mobilityhub.trips.trip;

import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.trips.TripStatus;
import com.mobilityhub.contracts.api.trips.TripView;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.OrderColumn;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import org.hibernate.annotations.BatchSize;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

/** A rider's trip in one vehicle, created for one booking, with the route it has covered so far. */
@Entity
@Table(name = "trip")
public class Trip {

    @Id
    private UUID id;

    @Column(name = "booking_id", nullable = false, updatable = false, length = 100)
    private String bookingId;

    @Column(name = "user_id", nullable = false, updatable = false)
    private UUID userId;

    @Column(name = "vehicle_id", nullable = false, updatable = false)
    private UUID vehicleId;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false, length = 20)
    private TripStatus status;

    @Column(name = "pickup_lat", nullable = false, updatable = false)
    private double pickupLat;

    @Column(name = "pickup_lng", nullable = false, updatable = false)
    private double pickupLng;

    @Column(name = "dropoff_lat", nullable = false, updatable = false)
    private double dropoffLat;

    @Column(name = "dropoff_lng", nullable = false, updatable = false)
    private double dropoffLng;

    @Column(precision = 14, scale = 2)
    private BigDecimal fare;

    @Column(name = "created_at", nullable = false, updatable = false)
    private Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    @Column(name = "started_at")
    private Instant startedAt;

    @Column(name = "completed_at")
    private Instant completedAt;

    @Column(name = "distance_km", precision = 10, scale = 3)
    private BigDecimal distanceKm;

    @Column(name = "duration_minutes", precision = 10, scale = 2)
    private BigDecimal durationMinutes;

    @Column(name = "energy_kwh", precision = 10, scale = 3)
    private BigDecimal energyKwh;

    @Version
    private Long version;

    @ElementCollection
    @CollectionTable(name = "trip_route_point", joinColumns = @JoinColumn(name = "trip_id"))
    @OrderColumn(name = "seq")
    // A page of trips loads its routes in a few queries, not one per trip.
    @BatchSize(size = 50)
    private List<RoutePoint> route = new ArrayList<>();

    protected Trip() {
    }

    private Trip(String bookingId, UUID userId, UUID vehicleId, GeoPoint pickup, GeoPoint dropoff, BigDecimal fare,
                 Instant now) {
        this.id = UUID.randomUUID();
        this.bookingId = Objects.requireNonNull(bookingId);
        this.userId = Objects.requireNonNull(userId);
        this.vehicleId = Objects.requireNonNull(vehicleId);
        this.status = TripStatus.CREATED;
        this.pickupLat = pickup.lat();
        this.pickupLng = pickup.lng();
        this.dropoffLat = dropoff.lat();
        this.dropoffLng = dropoff.lng();
        this.fare = fare == null ? null : fare.setScale(2, RoundingMode.UNNECESSARY);
        this.createdAt = now;
        this.updatedAt = now;
    }

    /** The trip of {@code bookingId}, CREATED with no route yet. {@code fare} may have at most 2 decimals. */
    public static Trip create(String bookingId, UUID userId, UUID vehicleId, GeoPoint pickup, GeoPoint dropoff,
                              BigDecimal fare, Instant now) {
        return new Trip(bookingId, userId, vehicleId, pickup, dropoff, fare, now);
    }

    /** Appends a tracking point to the route: only while the trip runs. */
    public void recordPosition(GeoPoint position, Instant at) {
        if (status != TripStatus.IN_PROGRESS) {
            throw new IllegalTripTransition(id, status, "record a location on");
        }
        route.add(new RoutePoint(position.lat(), position.lng(), at));
        updatedAt = at;
    }

    /** The rider set off: only a CREATED trip can start (a started, completed or cancelled one cannot). */
    public void start(Instant now) {
        moveTo(TripStatus.IN_PROGRESS, TripStatus.CREATED, now);
        startedAt = now;
    }

    /**
     * The rider arrived: only an IN_PROGRESS trip can complete, once. The measurements are kept at the
     * precision of the schema; more decimals than that are refused (ArithmeticException), never rounded.
     */
    public void complete(BigDecimal distanceKm, BigDecimal durationMinutes, BigDecimal energyKwh, Instant now) {
        BigDecimal distance = distanceKm.setScale(3, RoundingMode.UNNECESSARY);
        BigDecimal duration = durationMinutes.setScale(2, RoundingMode.UNNECESSARY);
        BigDecimal energy = energyKwh.setScale(3, RoundingMode.UNNECESSARY);
        moveTo(TripStatus.COMPLETED, TripStatus.IN_PROGRESS, now);
        this.distanceKm = distance;
        this.durationMinutes = duration;
        this.energyKwh = energy;
        this.completedAt = now;
    }

    /** The booking was cancelled or compensated before the trip started. Cancelling twice changes nothing. */
    public void cancel(Instant now) {
        if (status == TripStatus.CANCELLED) {
            return;
        }
        moveTo(TripStatus.CANCELLED, TripStatus.CREATED, now);
    }

    private void moveTo(TripStatus target, TripStatus requiredCurrent, Instant now) {
        if (status != requiredCurrent) {
            throw new IllegalTripTransition(id, status, target);
        }
        status = target;
        updatedAt = now;
    }

    public TripView toView() {
        List<TripView.RoutePoint> points = IntStream.range(0, route.size())
                .mapToObj(i -> new TripView.RoutePoint(i, route.get(i).lat(), route.get(i).lng(), route.get(i).recordedAt()))
                .toList();
        return new TripView(id, bookingId, userId, vehicleId, status, new GeoPoint(pickupLat, pickupLng),
                new GeoPoint(dropoffLat, dropoffLng), fare, points, createdAt, updatedAt, startedAt, completedAt,
                completedAt == null ? null : new TripView.Measurements(distanceKm, durationMinutes, energyKwh));
    }

    public UUID getId() {
        return id;
    }

    public String getBookingId() {
        return bookingId;
    }

    public UUID getUserId() {
        return userId;
    }

    public TripStatus getStatus() {
        return status;
    }

    public UUID getVehicleId() {
        return vehicleId;
    }

    public Instant getStartedAt() {
        return startedAt;
    }

    public Instant getCompletedAt() {
        return completedAt;
    }

    public BigDecimal getDistanceKm() {
        return distanceKm;
    }

    public BigDecimal getDurationMinutes() {
        return durationMinutes;
    }

    public BigDecimal getEnergyKwh() {
        return energyKwh;
    }

    public Instant getCreatedAt() {
        return createdAt;
    }

    public long getVersion() {
        return version == null ? 0 : version;
    }
}
