package com.mobilityhub.vehicles.fleet;

import com.mobilityhub.contracts.Topics;
import com.mobilityhub.contracts.api.GeoPoint;
import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.contracts.api.vehicles.FleetStatusView;
import com.mobilityhub.contracts.api.vehicles.RegisterVehicle;
import com.mobilityhub.contracts.api.vehicles.VehicleLocationView;
import com.mobilityhub.contracts.api.vehicles.VehicleStatus;
import com.mobilityhub.contracts.api.vehicles.VehicleView;
import com.mobilityhub.kit.api.Problem;
import com.mobilityhub.kit.api.ProblemException;
import com.mobilityhub.kit.outbox.Outbox;
import com.mobilityhub.vehicles.Requests;
import com.mobilityhub.vehicles.VehicleProperties;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fleet: registering vehicles and the operator's changes to them. Each change and its event
 * commit together (outbox), or neither does.
 */
@Service
public class Fleet {

    private static final Sort REGISTRATION_ORDER = Sort.by("registeredAt", "id");

    private final VehicleRepository vehicles;
    private final Outbox outbox;
    private final Clock clock;
    private final VehicleProperties properties;

    public Fleet(VehicleRepository vehicles, Outbox outbox, Clock clock, VehicleProperties properties) {
        this.vehicles = vehicles;
        this.outbox = outbox;
        this.clock = clock;
        this.properties = properties;
    }

    @Transactional
    public VehicleView register(RegisterVehicle command) {
        if (vehicles.existsByVin(command.vin())) {
            throw duplicateVin(command.vin());
        }
        Vehicle vehicle = Vehicle.register(command.vin(), command.model(), command.location(), clock.instant());
        try {
            vehicles.saveAndFlush(vehicle);
        } catch (DataIntegrityViolationException e) {
            // A concurrent registration of the same VIN won the race to the unique index.
            throw duplicateVin(command.vin());
        }
        outbox.record(Topics.VEHICLES, VehicleEvents.registered(vehicle));
        return vehicle.toView();
    }

    @Transactional(readOnly = true)
    public VehicleView find(UUID id) {
        return require(id).toView();
    }

    @Transactional(readOnly = true)
    public Page<VehicleView> list(VehicleStatus status, Requests.PageRequest page) {
        PageRequest request = PageRequest.of(page.number(), page.size(), REGISTRATION_ORDER);
        org.springframework.data.domain.Page<Vehicle> found = status == null
                ? vehicles.findAll(request)
                : vehicles.findByStatus(status, request);
        return new Page<>(found.map(Vehicle::toView).getContent(),
                Page.PageInfo.of(page.number(), page.size(), found.getTotalElements()));
    }

    @Transactional(readOnly = true)
    public FleetStatusView status() {
        Map<VehicleStatus, Long> counts = new EnumMap<>(VehicleStatus.class);
        for (VehicleStatus status : VehicleStatus.values()) {
            counts.put(status, 0L);
        }
        long total = 0;
        for (VehicleRepository.StatusCount count : vehicles.countByStatus()) {
            counts.put(count.getStatus(), count.getCount());
            total += count.getCount();
        }
        return new FleetStatusView(counts, total);
    }

    /** An operator's status change. Setting the current status again changes nothing and emits nothing. */
    @Transactional
    public VehicleView changeStatus(UUID id, VehicleStatus target) {
        Vehicle vehicle = requireForUpdate(id);
        if (!Vehicle.OPERATOR_STATUSES.contains(target)) {
            throw ProblemException.conflict("Status reserved for bookings",
                    target + " is set only by the booking saga; an operator may set " + Vehicle.OPERATOR_STATUSES);
        }
        VehicleStatus previous = vehicle.getStatus();
        if (previous == target) {
            return vehicle.toView();
        }
        if (!Vehicle.operatorMayChange(previous, target)) {
            throw ProblemException.conflict("Vehicle is in a booking",
                    "Vehicle " + id + " is " + previous + "; it returns to the operator when its booking ends");
        }
        vehicle.changeStatus(target, clock.instant());
        flushChange(vehicle);
        outbox.record(Topics.VEHICLES, VehicleEvents.statusChanged(vehicle, previous));
        return vehicle.toView();
    }

    /** Records the firmware now installed. Reporting the installed version again changes nothing. */
    @Transactional
    public VehicleView updateFirmware(UUID id, String firmwareVersion) {
        Vehicle vehicle = requireForUpdate(id);
        String previous = vehicle.getFirmwareVersion();
        if (firmwareVersion.equals(previous)) {
            return vehicle.toView();
        }
        vehicle.installFirmware(firmwareVersion, clock.instant());
        flushChange(vehicle);
        outbox.record(Topics.VEHICLES, VehicleEvents.firmwareUpdated(vehicle, previous));
        return vehicle.toView();
    }

    /** A position report: becomes the last known location, timestamped now. */
    @Transactional
    public VehicleLocationView updateLocation(UUID id, GeoPoint location) {
        Vehicle vehicle = requireForUpdate(id);
        vehicle.moveTo(location, clock.instant());
        flushChange(vehicle);
        outbox.record(Topics.VEHICLES, VehicleEvents.locationUpdated(vehicle));
        return vehicle.locationView(clock.instant(), properties.locationStaleAfter());
    }

    @Transactional(readOnly = true)
    public VehicleLocationView location(UUID id) {
        return require(id).locationView(clock.instant(), properties.locationStaleAfter());
    }

    /** Fails with 404 unless {@code id} is a registered vehicle. */
    @Transactional(readOnly = true)
    public void ensureRegistered(UUID id) {
        if (!vehicles.existsById(id)) {
            throw Requests.notFound("Vehicle", "id", id);
        }
    }

    /** The vehicle, row-locked for the rest of the caller's transaction; 404 when unknown. */
    @Transactional(propagation = Propagation.MANDATORY)
    public Vehicle requireForUpdate(UUID id) {
        return vehicles.findForUpdate(id).orElseThrow(() -> Requests.notFound("Vehicle", "id", id));
    }

    /**
     * Writes the change now, so the vehicle's new version is known for its event. Writers lock the
     * row first, so a version conflict means someone changed the row without the lock: the client
     * may retry.
     */
    public void flushChange(Vehicle vehicle) {
        try {
            vehicles.flush();
        } catch (OptimisticLockingFailureException e) {
            throw ProblemException.conflict("Vehicle changed concurrently",
                    "Vehicle " + vehicle.getId() + " was changed by another request; retry");
        }
    }

    private Vehicle require(UUID id) {
        return vehicles.findById(id).orElseThrow(() -> Requests.notFound("Vehicle", "id", id));
    }

    private static ProblemException duplicateVin(String vin) {
        return new ProblemException(409, "urn:mobility-hub:problem:conflict", "Vehicle already registered",
                "A vehicle with VIN " + vin + " is already registered",
                List.of(new Problem.FieldError("vin", "is already registered")));
    }
}
