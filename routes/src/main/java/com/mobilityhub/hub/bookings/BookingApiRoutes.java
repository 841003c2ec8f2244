package com.mobilityhub.hub.bookings;

import com.mobilityhub.contracts.api.Page;
import com.mobilityhub.contracts.api.bookings.BookingAccepted;
import com.mobilityhub.contracts.api.bookings.BookingStatus;
import com.mobilityhub.contracts.api.bookings.BookingView;
import com.mobilityhub.contracts.api.bookings.RequestBooking;
import com.mobilityhub.kit.api.ApiRouteBuilder;
import com.mobilityhub.kit.api.Problem;
import com.mobilityhub.kit.api.ProblemException;
import org.apache.camel.Exchange;
import org.apache.camel.model.rest.RestDefinition;
import org.apache.camel.model.rest.RestParamType;
import org.springframework.stereotype.Component;

import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import static com.mobilityhub.hub.api.ApiDocs.JSON;
import static com.mobilityhub.hub.api.ApiDocs.problems;

/** {@code /bookings}: the hub's own resource; a booking's saga runs across the services (see BookingSaga). */
@Component
public class BookingApiRoutes extends ApiRouteBuilder {

    private final BookingRequests requests;
    private final Bookings bookings;
    private final BookingCancellationRequests cancellations;

    public BookingApiRoutes(BookingRequests requests, Bookings bookings, BookingCancellationRequests cancellations) {
        this.requests = requests;
        this.bookings = bookings;
        this.cancellations = cancellations;
    }

    @Override
    protected void configureApi() {
        RestDefinition resource = rest("/bookings").tag("bookings");
        problems(resource.post()
                .id("request-booking")
                .description("Requests a booking. The hub checks the request, the user and the vehicle, computes the "
                        + "fare (base + per-km x great-circle distance) and starts the booking saga; without "
                        + "Prefer: wait it answers 202 PENDING at once. With Prefer: wait=N (N <= 30 s) it answers 201 "
                        + "with the booking once CONFIRMED, 409 once REJECTED, or 202 if still PENDING after N s. "
                        + "The same Idempotency-Key with the same body answers for the same booking; with another "
                        + "body it is a 422.")
                .consumes(JSON).produces(JSON).type(RequestBooking.class)
                .param().name(BookingRequests.IDEMPOTENCY_KEY).type(RestParamType.header).required(false)
                    .dataType("string").description("Makes retries safe: at most one booking per key").endParam()
                .param().name(BookingRequests.PREFER).type(RestParamType.header).required(false)
                    .dataType("string").description("wait=N: wait up to N seconds (at most 30) for the outcome").endParam()
                .responseMessage().code(202).message("Accepted, saga running; Location names the booking")
                    .responseModel(BookingAccepted.class)
                    .header("Location").description("/api/v1/bookings/{id}").dataType("string").endHeader()
                    .endResponseMessage()
                .responseMessage().code(201).message("With Prefer: wait, the booking CONFIRMED")
                    .responseModel(BookingView.class)
                    .header("Location").description("/api/v1/bookings/{id}").dataType("string").endHeader()
                    .endResponseMessage()
                .responseMessage().code(422).message("Idempotency-Key already used for a different request")
                    .contentType(Problem.MEDIA_TYPE).responseModel(Problem.class).endResponseMessage(),
                400, 404, 409, 503)
                .to("direct:request-booking");
        problems(resource.get("/{id}")
                .id("get-booking")
                .description("Reads a booking with its saga timeline (every step, undo and callback, in order)")
                .produces(JSON).outType(BookingView.class)
                .responseMessage().code(200).message("The booking").responseModel(BookingView.class)
                    .endResponseMessage(), 404)
                .to("direct:get-booking");
        problems(resource.get()
                .id("list-bookings")
                .description("Lists bookings, newest first, optionally of one user and/or in one status")
                .produces(JSON).outType(Page.class)
                .param().name("userId").type(RestParamType.query).required(false).dataType("string")
                    .description("Only this user's bookings").endParam()
                .param().name("status").type(RestParamType.query).required(false).dataType("string")
                    .allowableValues(Arrays.stream(BookingStatus.values()).map(Enum::name).toList())
                    .description("Only bookings in this status").endParam()
                .param().name("page").type(RestParamType.query).required(false).dataType("integer")
                    .defaultValue("0").description("Zero-based page number").endParam()
                .param().name("size").type(RestParamType.query).required(false).dataType("integer")
                    .defaultValue(String.valueOf(Page.DEFAULT_SIZE)).description("Page size, at most " + Page.MAX_SIZE)
                    .endParam()
                .responseMessage().code(200).message("{items: [booking without timeline], page}")
                    .responseModel(Page.class).endResponseMessage(), 400)
                .to("direct:list-bookings");
        problems(resource.post("/{id}/cancel")
                .id("cancel-booking")
                .description("Cancels a CONFIRMED booking whose trip has not started, through the cancellation saga "
                        + "(an LRA of its own: the trip is cancelled, the fee taken from the held fare and the rest "
                        + "released, the vehicle freed, the rider notified). Fee: free within "
                        + "mobility.booking.cancellation.free-period (5 min) of the confirmation, afterwards "
                        + "fee-rate (10 %) of the fare, at least minimum-fee (1.00 EUR), never more than the fare. "
                        + "Waits for the outcome (Prefer: wait=N, default 10 s): 200 CANCELLED; 409 when the trip has "
                        + "started or the booking is PENDING/REJECTED (nothing changes); 202 with Location when still "
                        + "running. Cancelling a CANCELLED booking answers 200 again and charges nothing twice.")
                .produces(JSON).outType(BookingView.class)
                .param().name(BookingRequests.PREFER).type(RestParamType.header).required(false)
                    .dataType("string").description("wait=N: wait up to N seconds (at most 30) for the outcome").endParam()
                .responseMessage().code(200).message("The booking, CANCELLED").responseModel(BookingView.class)
                    .endResponseMessage()
                .responseMessage().code(202).message("Cancellation still running; Location names the booking")
                    .responseModel(BookingView.class)
                    .header("Location").description("/api/v1/bookings/{id}").dataType("string").endHeader()
                    .endResponseMessage(), 404, 409, 503)
                .to("direct:cancel-booking-request");

        from("direct:request-booking").routeId("request-booking")
                .process(requests::request);
        from("direct:get-booking").routeId("get-booking")
                .process(this::getBooking);
        from("direct:list-bookings").routeId("list-bookings")
                .process(this::listBookings);
        from("direct:cancel-booking-request").routeId("cancel-booking-request")
                .process(cancellations::cancel);
    }

    private void getBooking(Exchange exchange) throws Exception {
        String raw = exchange.getMessage().getHeader("id", String.class);
        UUID id = canonicalUuid(raw);
        BookingView booking = id == null ? null : bookings.view(id).orElse(null);
        if (booking == null) {
            throw new ProblemException(404, "urn:mobility-hub:problem:not-found", "Booking not found",
                    "No booking has this id", id == null ? List.of(new Problem.FieldError("id", "must be a UUID"))
                    : List.of());
        }
        respond(exchange, 200, booking);
    }

    private void listBookings(Exchange exchange) throws Exception {
        var message = exchange.getMessage();
        String rawUser = message.getHeader("userId", String.class);
        UUID userId = null;
        if (rawUser != null && !rawUser.isEmpty()) {
            userId = canonicalUuid(rawUser);
            if (userId == null) {
                throw ProblemException.invalidField("userId", "must be a UUID");
            }
        }
        String rawStatus = message.getHeader("status", String.class);
        BookingStatus status = null;
        if (rawStatus != null && !rawStatus.isEmpty()) {
            try {
                status = BookingStatus.valueOf(rawStatus);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalidField("status", "must be one of " + Arrays.toString(BookingStatus.values()));
            }
        }
        int page = intParameter(message.getHeader("page", String.class), "page", 0, 0, Integer.MAX_VALUE / Page.MAX_SIZE);
        int size = intParameter(message.getHeader("size", String.class), "size", Page.DEFAULT_SIZE, 1, Page.MAX_SIZE);
        respond(exchange, 200, bookings.list(userId, status, page, size));
    }

    private static int intParameter(String raw, String name, int defaultValue, int min, int max) {
        if (raw == null || raw.isEmpty()) {
            return defaultValue;
        }
        try {
            int value = Integer.parseInt(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ProblemException.invalidField(name, "must be an integer from " + min + " to " + max);
    }

    static UUID canonicalUuid(String raw) {
        if (raw == null) {
            return null;
        }
        try {
            UUID id = UUID.fromString(raw);
            return id.toString().equalsIgnoreCase(raw) ? id : null;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
