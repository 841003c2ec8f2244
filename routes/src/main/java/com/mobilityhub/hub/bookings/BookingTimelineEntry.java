package com.mobilityhub.hub.bookings;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.UUID;

/** One line of a booking's saga timeline: who did what, when, with what outcome. */
@Entity
@Table(name = "booking_timeline")
public class BookingTimelineEntry {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "booking_id", nullable = false)
    private UUID bookingId;

    @Column(nullable = false)
    private Instant at;

    @Column(nullable = false)
    private String service;

    @Column(nullable = false)
    private String step;

    @Column(nullable = false)
    private String outcome;

    private String detail;

    @Column(name = "event_id")
    private UUID eventId;

    protected BookingTimelineEntry() {
    }

    BookingTimelineEntry(UUID bookingId, Instant at, String service, String step, String outcome, String detail,
                         UUID eventId) {
        this.bookingId = bookingId;
        this.at = at;
        this.service = service;
        this.step = step;
        this.outcome = outcome;
        this.detail = detail == null || detail.length() <= 500 ? detail : detail.substring(0, 500);
        this.eventId = eventId;
    }

    public UUID bookingId() {
        return bookingId;
    }

    public Instant at() {
        return at;
    }

    public String service() {
        return service;
    }

    public String step() {
        return step;
    }

    public String outcome() {
        return outcome;
    }

    public String detail() {
        return detail;
    }
}
