package com.mobilityhub.vehicles.fleet;

import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import jakarta.persistence.LockModeType;
import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

public interface VehicleRepository extends JpaRepository<Vehicle, UUID> {

    boolean existsByVin(String vin);

    Page<Vehicle> findByStatus(VehicleStatus status, Pageable pageable);

    /**
     * Loads a vehicle to change it, holding its row lock until the transaction ends. Writers of one
     * vehicle queue rather than fail, and their outbox rows are committed in version order, so the
     * vehicle's events reach Kafka in the order they happened.
     */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select v from Vehicle v where v.id = :id")
    Optional<Vehicle> findForUpdate(UUID id);

    @Query("select v.status as status, count(v) as count from Vehicle v group by v.status")
    List<StatusCount> countByStatus();

    interface StatusCount {
        VehicleStatus getStatus();

        long getCount();
    }
}
