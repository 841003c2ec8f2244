package com.mobilityhub.contracts;

/** Event type names carried in {@link EventEnvelope#eventType()}, grouped by the domain that emits them. */
public final class EventTypes {

    // user-service -> mobility.users.events.v1
    public static final String USER_REGISTERED = "UserRegistered";
    public static final String CREDITS_TOPPED_UP = "CreditsToppedUp";

    // vehicle-service -> mobility.vehicles.events.v1
    public static final String VEHICLE_REGISTERED = "VehicleRegistered";
    public static final String VEHICLE_STATUS_CHANGED = "VehicleStatusChanged";
    public static final String VEHICLE_LOCATION_UPDATED = "VehicleLocationUpdated";
    public static final String VEHICLE_FIRMWARE_UPDATED = "VehicleFirmwareUpdated";
    public static final String VEHICLE_DIAGNOSTICS_REPORTED = "VehicleDiagnosticsReported";

    // booking saga (see booking.BookingSaga): data records in booking.BookingSagaEvents
    public static final String BOOKING_REQUESTED = "BookingRequested";       // hub -> bookings
    public static final String BOOKING_CONCLUDED = "BookingConcluded";       // hub -> bookings
    public static final String CREDITS_RESERVED = "CreditsReserved";         // user-service -> users
    public static final String CREDITS_REJECTED = "CreditsRejected";
    public static final String CREDITS_RELEASED = "CreditsReleased";
    public static final String VEHICLE_RESERVED = "VehicleReserved";         // vehicle-service -> vehicles
    public static final String VEHICLE_UNAVAILABLE = "VehicleUnavailable";
    public static final String VEHICLE_RELEASED = "VehicleReleased";
    public static final String TRIP_CREATED = "TripCreated";                 // trip-service -> trips
    public static final String TRIP_REJECTED = "TripRejected";
    public static final String TRIP_CANCELLED = "TripCancelled";
    public static final String CONFIRMATION_SENT = "ConfirmationSent";       // notification-service -> notifications
    public static final String NOTIFICATION_FAILED = "NotificationFailed";
    public static final String CANCELLATION_SENT = "CancellationSent";

    // booking cancellation saga (see booking.BookingCancellationSaga): data records in booking.BookingCancellationEvents
    public static final String BOOKING_CANCELLATION_REQUESTED = "BookingCancellationRequested"; // hub -> bookings
    public static final String TRIP_CANCELLATION_ACCEPTED = "TripCancellationAccepted";         // trip-service -> trips
    public static final String TRIP_CANCELLATION_REFUSED = "TripCancellationRefused";
    public static final String TRIP_REINSTATED = "TripReinstated";
    public static final String CANCELLATION_FEE_SCHEDULED = "CancellationFeeScheduled";         // user-service -> users
    public static final String VEHICLE_RELEASE_SCHEDULED = "VehicleReleaseScheduled";           // vehicle-service -> vehicles
    public static final String CANCELLATION_NOTICE_SCHEDULED = "CancellationNoticeScheduled";   // notification-service -> notifications

    // trip lifecycle (trip-service -> mobility.trips.events.v1, keyed by trip id): data records in trips.TripEvents
    public static final String TRIP_STARTED = "TripStarted";
    public static final String TRIP_COMPLETED = "TripCompleted";
    public static final String RECEIPT_SENT = "ReceiptSent";                 // notification-service -> notifications (on InvoiceIssued)

    // billing (billing-service -> mobility.billing.events.v1, keyed by invoice id): data records in billing.*
    public static final String INVOICE_ISSUED = "InvoiceIssued";
    public static final String INVOICE_PAID = "InvoicePaid";
    public static final String INVOICE_PAYMENT_PENDING = "InvoicePaymentPending";

    private EventTypes() {
    }
}
