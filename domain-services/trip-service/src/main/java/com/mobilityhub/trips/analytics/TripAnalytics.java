package com.mobilityhub.trips.analytics;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.mobilityhub.contracts.EventEnvelope;
import com.mobilityhub.contracts.EventJson;
import com.mobilityhub.contracts.api.trips.TripAnalyticsView;
import com.mobilityhub.contracts.billing.InvoiceIssued;
import com.mobilityhub.contracts.trips.TripEvents.TripCompleted;
import com.mobilityhub.kit.events.InvalidEventException;
import com.mobilityhub.kit.events.ProcessedEvents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Per-vehicle and per-rider trip figures. Fed by events only (TripCompleted from this service's own
 * topic, InvoiceIssued from billing), each applied once: the event id is claimed in processed_event and
 * the rows are keyed by trip and invoice, so a replay under a new event id adds nothing either.
 * The figures are sums over those rows, read through the (vehicle_id) and (user_id) indexes.
 */
@Service
public class TripAnalytics {

    static final String RECORD_TRIP = "trip-analytics";
    static final String RECORD_REVENUE = "trip-revenue";

    private static final Logger LOG = LoggerFactory.getLogger(TripAnalytics.class);

    private final JdbcTemplate jdbc;
    private final ProcessedEvents processedEvents;

    public TripAnalytics(JdbcTemplate jdbc, ProcessedEvents processedEvents) {
        this.jdbc = jdbc;
        this.processedEvents = processedEvents;
    }

    /** TripCompleted: one analytics row per trip. */
    @Transactional
    public void recordCompletedTrip(EventEnvelope event) {
        if (!processedEvents.claim(RECORD_TRIP, event.eventId())) {
            return;
        }
        TripCompleted trip = read(event, TripCompleted.class);
        if (trip.tripId() == null || trip.userId() == null || trip.vehicleId() == null || trip.distanceKm() == null
                || trip.durationMinutes() == null || trip.energyKwh() == null || trip.completedAt() == null) {
            throw new InvalidEventException("TripCompleted needs tripId, userId, vehicleId, the measurements and completedAt");
        }
        int added = jdbc.update("""
                        insert into trip_analytics (trip_id, user_id, vehicle_id, distance_km, duration_minutes, energy_kwh, completed_at)
                        values (?, ?, ?, ?, ?, ?, ?) on conflict (trip_id) do nothing""",
                trip.tripId(), trip.userId(), trip.vehicleId(), trip.distanceKm(), trip.durationMinutes(),
                trip.energyKwh(), Timestamp.from(trip.completedAt()));
        if (added == 0) {
            LOG.info("Trip {} is already in the analytics; TripCompleted {} adds nothing", trip.tripId(), event.eventId());
        }
    }

    /** InvoiceIssued (billing-service): the invoice's amount counts as revenue of its trip's vehicle and rider. */
    @Transactional
    public void recordRevenue(EventEnvelope event) {
        if (!processedEvents.claim(RECORD_REVENUE, event.eventId())) {
            return;
        }
        InvoiceIssued invoice = read(event, InvoiceIssued.class);
        if (invoice.invoiceId() == null || invoice.tripId() == null || invoice.amount() == null
                || invoice.amount().signum() < 0) {
            throw new InvalidEventException("InvoiceIssued needs invoiceId, tripId and a non-negative amount");
        }
        List<UUID[]> trip = jdbc.query("select user_id, vehicle_id from trip where id = ?",
                (rs, i) -> new UUID[]{rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)}, invoice.tripId());
        if (trip.isEmpty()) {
            throw new InvalidEventException("InvoiceIssued for unknown trip " + invoice.tripId());
        }
        Instant issuedAt = invoice.issuedAt() == null ? event.occurredAt() : invoice.issuedAt();
        jdbc.update("""
                        insert into trip_revenue (invoice_id, trip_id, user_id, vehicle_id, amount, issued_at)
                        values (?, ?, ?, ?, ?, ?) on conflict (invoice_id) do nothing""",
                invoice.invoiceId(), invoice.tripId(), trip.getFirst()[0], trip.getFirst()[1], invoice.amount(),
                Timestamp.from(issuedAt));
    }

    @Transactional(readOnly = true)
    public TripAnalyticsView ofVehicle(UUID vehicleId) {
        return figures("vehicle", "vehicle_id", vehicleId);
    }

    @Transactional(readOnly = true)
    public TripAnalyticsView ofUser(UUID userId) {
        return figures("user", "user_id", userId);
    }

    private TripAnalyticsView figures(String subject, String column, UUID id) {
        // column is one of two constants above, never request input.
        TripAnalyticsView trips = jdbc.queryForObject("select count(*), coalesce(sum(distance_km), 0),"
                        + " coalesce(sum(duration_minutes), 0), coalesce(sum(energy_kwh), 0)"
                        + " from trip_analytics where " + column + " = ?",
                (rs, i) -> new TripAnalyticsView(subject, id, rs.getLong(1), rs.getBigDecimal(2).setScale(3),
                        rs.getBigDecimal(3).setScale(2), rs.getBigDecimal(4).setScale(3), null), id);
        BigDecimal revenue = jdbc.queryForObject(
                "select coalesce(sum(amount), 0) from trip_revenue where " + column + " = ?", BigDecimal.class, id);
        return new TripAnalyticsView(subject, id, trips.trips(), trips.distanceKm(), trips.durationMinutes(),
                trips.energyKwh(), revenue.setScale(2));
    }

    private static <T> T read(EventEnvelope event, Class<T> type) {
        try {
            return EventJson.mapper().treeToValue(event.data(), type);
        } catch (JsonProcessingException e) {
            throw new InvalidEventException("not a " + type.getSimpleName() + ": " + e.getOriginalMessage());
        }
    }

}
