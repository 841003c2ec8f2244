package com.mobilityhub.vehicles.diagnostics;

import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.vehicles.DiagnosticsView;
import com.mobilityhub.contracts.api.vehicles.ReportDiagnostics;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.vehicles.fleet.Fleet;
import com.mobilityhub.vehicles.fleet.Vehicle;
import com.mobilityhub.vehicles.fleet.VehicleEvents;
import org.springframework.data.domain.Limit;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Vehicles' health reports: stored as sent, published as {@value EventTypes#VEHICLE_DIAGNOSTICS_REPORTED}. */
@Service
public class DiagnosticsReports {

    private final Fleet fleet;
    private final VehicleDiagnosticsRepository reports;
    private final Outbox outbox;
    private final Clock clock;

    public DiagnosticsReports(Fleet fleet, VehicleDiagnosticsRepository reports, Outbox outbox, Clock clock) {
        this.fleet = fleet;
        this.reports = reports;
        this.outbox = outbox;
        this.clock = clock;
    }

    @Transactional
    public DiagnosticsView report(UUID vehicleId, ReportDiagnostics command) {
        Vehicle vehicle = fleet.requireForUpdate(vehicleId);
        Instant now = clock.instant();
        VehicleDiagnostics report = reports.save(VehicleDiagnostics.report(vehicleId, command.batteryPercent(),
                command.odometerKm(), command.faultCodes(), now));
        // A report is a change of the vehicle's state: its event carries the vehicle's next version.
        vehicle.touch(now);
        fleet.flushChange(vehicle);
        DiagnosticsView view = report.toView();
        outbox.record(Topics.VEHICLES, VehicleEvents.about(vehicle, EventTypes.VEHICLE_DIAGNOSTICS_REPORTED, view));
        return view;
    }

    /** The vehicle's most recent reports, newest first. */
    @Transactional(readOnly = true)
    public List<DiagnosticsView> recent(UUID vehicleId, int limit) {
        fleet.ensureRegistered(vehicleId);
        return reports.findByVehicleIdOrderByReportedAtDescIdDesc(vehicleId, Limit.of(limit)).stream()
                .map(VehicleDiagnostics::toView)
                .toList();
    }
}
