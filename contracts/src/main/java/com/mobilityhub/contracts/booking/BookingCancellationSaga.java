package com.mobilityhub.contracts.booking;

import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;

import java.util.List;

/**
 * The booking cancellation saga on one screen ({@code POST /api/v1/bookings/{id}/cancel}). It has an
 * LRA of its own, started by the hub. trip-service is the pivot: the only step that can refuse (the
 * trip has started). The steps after it cannot fail, so they only promise their work when they join
 * and do it, irreversibly, in their COMPLETION callbacks: a cancelled LRA leaves nothing to undo, and
 * their compensations only record that the cancellation was dropped.
 *
 * <pre>
 * step                     service               reacts to                     emits                        on refusal                compensation (undo)               completion (the real work)
 * start-cancellation       hub                   POST /bookings/{id}/cancel    BookingCancellationRequested (409 before any LRA)      keep-booking (stays CONFIRMED)    cancel-booking (CANCELLED)
 * cancel-trip-for-booking  trip-service          BookingCancellationRequested  TripCancellationAccepted     TripCancellationRefused   reinstate-trip (CREATED again)    (nothing: the trip is CANCELLED)
 * schedule-cancellation-fee user-service         TripCancellationAccepted      CancellationFeeScheduled                               drop-cancellation-fee             charge-cancellation-fee (fee captured, rest released)
 * schedule-vehicle-release vehicle-service       CancellationFeeScheduled      VehicleReleaseScheduled                                drop-vehicle-release              release-cancelled-reservation (AVAILABLE)
 * schedule-cancellation-notice notification-service VehicleReleaseScheduled    CancellationNoticeScheduled                            drop-cancellation-notice          send-cancellation-notice
 * conclude-cancellation    hub                   CancellationNoticeScheduled -> saga:complete;  TripCancellationRefused -> saga:compensate
 * </pre>
 *
 * Fee rule (hub, {@code mobility.booking.cancellation.*}): free within 5 minutes of the booking's
 * confirmation; afterwards 10 % of the held fare, HALF_UP to cents, at least 1.00, never more than
 * the fare. Every participant applies each event once, accepts each callback twice and before its
 * step (it records it, and the late step is refused).
 */
public final class BookingCancellationSaga {

    public static final List<BookingSaga.Step> STEPS = List.of(
            new BookingSaga.Step("start-cancellation", "hub", "POST /api/v1/bookings/{id}/cancel", null,
                    EventTypes.BOOKING_CANCELLATION_REQUESTED, null, Topics.BOOKINGS, "keep-booking", "cancel-booking"),
            new BookingSaga.Step("cancel-trip-for-booking", "trip-service", EventTypes.BOOKING_CANCELLATION_REQUESTED,
                    Topics.BOOKINGS, EventTypes.TRIP_CANCELLATION_ACCEPTED, EventTypes.TRIP_CANCELLATION_REFUSED,
                    Topics.TRIPS, "reinstate-trip", null),
            new BookingSaga.Step("schedule-cancellation-fee", "user-service", EventTypes.TRIP_CANCELLATION_ACCEPTED,
                    Topics.TRIPS, EventTypes.CANCELLATION_FEE_SCHEDULED, null, Topics.USERS,
                    "drop-cancellation-fee", "charge-cancellation-fee"),
            new BookingSaga.Step("schedule-vehicle-release", "vehicle-service", EventTypes.CANCELLATION_FEE_SCHEDULED,
                    Topics.USERS, EventTypes.VEHICLE_RELEASE_SCHEDULED, null, Topics.VEHICLES,
                    "drop-vehicle-release", "release-cancelled-reservation"),
            new BookingSaga.Step("schedule-cancellation-notice", "notification-service",
                    EventTypes.VEHICLE_RELEASE_SCHEDULED, Topics.VEHICLES, EventTypes.CANCELLATION_NOTICE_SCHEDULED, null,
                    Topics.NOTIFICATIONS, "drop-cancellation-notice", "send-cancellation-notice"));

    /** The event that ends the cancellation successfully (hub: saga:complete). */
    public static final String SUCCESS_EVENT = EventTypes.CANCELLATION_NOTICE_SCHEDULED;

    /** The event that ends it with a refusal (hub: saga:compensate); the booking stays CONFIRMED. */
    public static final String REFUSAL_EVENT = EventTypes.TRIP_CANCELLATION_REFUSED;

    /** Events emitted by compensations: the hub records them on the timeline. */
    public static final List<String> UNDO_EVENTS = List.of(EventTypes.TRIP_REINSTATED);

    private BookingCancellationSaga() {
    }
}
