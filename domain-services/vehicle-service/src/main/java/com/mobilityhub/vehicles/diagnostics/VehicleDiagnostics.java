package com.mobilityhub.vehicles.diagnostics;

import com.mobilityhub.contracts.api.vehicles.DiagnosticsView;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.PostLoad;
import jakarta.persistence.PostPersist;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;
import org.springframework.data.domain.Persistable;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One health report sent by a vehicle. Reports are never changed once stored. */
@Entity
@Table(name = "vehicle_diagnostics")
public class VehicleDiagnostics implements Persistable<UUID> {

    @Id
    private UUID id;

    @Column(name = "vehicle_id", nullable = false, updatable = false)
    private UUID vehicleId;

    @Column(name = "battery_percent", nullable = false, updatable = false, precision = 5, scale = 2)
    private BigDecimal batteryPercent;

    @Column(name = "odometer_km", nullable = false, updatable = false, precision = 11, scale = 3)
    private BigDecimal odometerKm;

    @JdbcTypeCode(SqlTypes.ARRAY)
    @Column(name = "fault_codes", nullable = false, updatable = false, columnDefinition = "varchar(20)[]")
    private String[] faultCodes;

    @Column(name = "reported_at", nullable = false, updatable = false)
    private Instant reportedAt;

    @Transient
    private boolean isNew;

    protected VehicleDiagnostics() {
    }

    private VehicleDiagnostics(UUID vehicleId, double batteryPercent, double odometerKm, List<String> faultCodes,
                               Instant reportedAt) {
        this.id = UUID.randomUUID();
        this.vehicleId = vehicleId;
        // Stored at the column's scale, so what we answer now is what a later read returns.
        this.batteryPercent = BigDecimal.valueOf(batteryPercent).setScale(2, RoundingMode.HALF_UP);
        this.odometerKm = BigDecimal.valueOf(odometerKm).setScale(3, RoundingMode.HALF_UP);
        this.faultCodes = faultCodes.toArray(String[]::new);
        this.reportedAt = reportedAt;
        this.isNew = true;
    }

    public static VehicleDiagnostics report(UUID vehicleId, double batteryPercent, double odometerKm,
                                            List<String> faultCodes, Instant reportedAt) {
        return new VehicleDiagnostics(vehicleId, batteryPercent, odometerKm, faultCodes, reportedAt);
    }

    public DiagnosticsView toView() {
        return new DiagnosticsView(id, vehicleId, batteryPercent.doubleValue(), odometerKm.doubleValue(),
                List.of(faultCodes), reportedAt);
    }

    @Override
    public UUID getId() {
        return id;
    }

    /** Ids are assigned here, not by the database: tell Spring Data to insert rather than merge. */
    @Override
    public boolean isNew() {
        return isNew;
    }

    @PostLoad
    @PostPersist
    void stored() {
        this.isNew = false;
    }
}
