package com.mobilityhub.contracts.booking;

import com.mobilityhub.contracts.EventTypes;
import com.mobilityhub.contracts.Topics;

import java.util.List;

/**
 * The booking saga on one screen: every step, who does it, what it reacts to, what it emits, and
 * what undoes it. The saga is choreographed (no orchestrator sends commands): each service reacts
 * to the previous step's event and joins the booking's LRA with its compensation. The hub starts
 * the LRA and ends it from the terminal events; the coordinator then calls each joined
 * participant's completion or compensation, in reverse order of joining.
 *
 * <pre>
 * step               service               reacts to          emits                 on failure            compensation (undo)          completion
 * start-booking      hub                   POST /bookings     BookingRequested      (400/404, no LRA)     booking REJECTED (reason)    booking CONFIRMED
 * reserve-credits    user-service          BookingRequested   CreditsReserved       CreditsRejected       release-credits              confirm-credit-hold
 * reserve-vehicle    vehicle-service       CreditsReserved    VehicleReserved       VehicleUnavailable    release-vehicle              confirm-vehicle-reservation
 * create-trip        trip-service          VehicleReserved    TripCreated           TripRejected          cancel-trip                  confirm-trip
 * send-confirmation  notification-service  TripCreated        ConfirmationSent      NotificationFailed    send-cancellation            (nothing)
 * conclude-booking   hub                   ConfirmationSent -> saga:complete;  any failure event -> saga:compensate
 * </pre>
 *
 * Every participant: applies each event once (ProcessedEvents); accepts a compensation or
 * completion twice; accepts a compensation for a step it never did, recording it so that the late
 * step is refused; and emits an event for every undo so the hub's timeline shows it.
 */
public final class BookingSaga {

    /** One step of the saga, as data (the table above). */
    public record Step(String name, String service, String reactsTo, String topicIn, String emits,
                       String emitsOnFailure, String topicOut, String compensation, String completion) {
    }

    public static final List<Step> STEPS = List.of(
            new Step("start-booking", "hub", "POST /api/v1/bookings", null, EventTypes.BOOKING_REQUESTED,
                    null, Topics.BOOKINGS, "reject-booking", "confirm-booking"),
            new Step("reserve-credits", "user-service", EventTypes.BOOKING_REQUESTED, Topics.BOOKINGS, EventTypes.CREDITS_RESERVED,
                    EventTypes.CREDITS_REJECTED, Topics.USERS, "release-credits", "confirm-credit-hold"),
            new Step("reserve-vehicle", "vehicle-service", EventTypes.CREDITS_RESERVED, Topics.USERS, EventTypes.VEHICLE_RESERVED,
                    EventTypes.VEHICLE_UNAVAILABLE, Topics.VEHICLES, "release-vehicle", "confirm-vehicle-reservation"),
            new Step("create-trip", "trip-service", EventTypes.VEHICLE_RESERVED, Topics.VEHICLES, EventTypes.TRIP_CREATED,
                    EventTypes.TRIP_REJECTED, Topics.TRIPS, "cancel-trip", "confirm-trip"),
            new Step("send-confirmation", "notification-service", EventTypes.TRIP_CREATED, Topics.TRIPS, EventTypes.CONFIRMATION_SENT,
                    EventTypes.NOTIFICATION_FAILED, Topics.NOTIFICATIONS, "send-cancellation", null));

    /** Events that end the saga successfully (hub: saga:complete). */
    public static final List<String> SUCCESS_EVENTS = List.of(EventTypes.CONFIRMATION_SENT);

    /** Events that end the saga with a rejection (hub: saga:compensate). */
    public static final List<String> FAILURE_EVENTS =
            List.of(EventTypes.CREDITS_REJECTED, EventTypes.VEHICLE_UNAVAILABLE, EventTypes.TRIP_REJECTED, EventTypes.NOTIFICATION_FAILED);

    /** Events emitted by compensations and completions: the hub records them on the timeline. */
    public static final List<String> UNDO_EVENTS =
            List.of(EventTypes.CREDITS_RELEASED, EventTypes.VEHICLE_RELEASED, EventTypes.TRIP_CANCELLED, EventTypes.CANCELLATION_SENT);

    private BookingSaga() {
    }
}
