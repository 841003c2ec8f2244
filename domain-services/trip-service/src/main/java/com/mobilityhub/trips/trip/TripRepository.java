package com.mobilityhub.trips.trip;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import jakarta.persistence.LockModeType;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

import java.util.Optional;
import java.util.UUID;

public interface TripRepository extends JpaRepository<Trip, UUID> {

    /**
     * A rider's trips of one status, newest first. Written in SQL so the plan test
     * ({@code TripListingPlanIT}) examines exactly this statement: it must use
     * {@code trip_user_status_created_idx}.
     */
    String BY_USER_AND_STATUS = """
            select * from trip
            where user_id = :userId and status = :status
            order by created_at desc, id desc""";

    /** A rider's trips of every status, newest first. */
    String BY_USER = """
            select * from trip
            where user_id = :userId
            order by created_at desc, id desc""";

    /** The trip locked for this transaction: lifecycle changes of one trip take turns, so two completes cannot both win. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select t from Trip t where t.id = :id")
    Optional<Trip> findForUpdate(UUID id);

    @Query(value = BY_USER_AND_STATUS, nativeQuery = true,
            countQuery = "select count(*) from trip where user_id = :userId and status = :status")
    Page<Trip> findByUserAndStatus(UUID userId, String status, Pageable page);

    @Query(value = BY_USER, nativeQuery = true,
            countQuery = "select count(*) from trip where user_id = :userId")
    Page<Trip> findByUser(UUID userId, Pageable page);
}
