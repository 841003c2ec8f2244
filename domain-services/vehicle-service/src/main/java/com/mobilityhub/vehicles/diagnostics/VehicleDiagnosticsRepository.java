package com.mobilityhub.vehicles.diagnostics;

import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

import java.util.List;
import java.util.UUID;

public interface VehicleDiagnosticsRepository extends JpaRepository<VehicleDiagnostics, UUID> {

    List<VehicleDiagnostics> findByVehicleIdOrderByReportedAtDescIdDesc(UUID vehicleId, Limit limit);

    long countByVehicleId(UUID vehicleId);
}
