package com.mobilityhub.hub.billing;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A whole ride through the hub, every service real: booked (the saga holds the booking's fare estimate),
 * started, tracked, completed; then billing-service prices it with the documented tariff (base 1.00 +
 * 0.90/km + 0.25/min EUR, each part HALF_UP to cents), captures the hold and charges any rest through the
 * payment gateway simulator, vehicle-service frees the vehicle with the mileage added, trip-service counts
 * the trip and its revenue, notification-service sends the receipt. Read back through the hub's public API.
 */
class RideThroughHubIT extends ThroughTheHub {

    /** Money read exactly as written: 3.80 stays 3.80 (not a double, not stripped to 3.8). */
    static final ObjectMapper DECIMALS = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String PICKUP = "{\"lat\":52.5200,\"lng\":13.4050}";
    private static final String DROPOFF = "{\"lat\":52.5000,\"lng\":13.3500}";

    private SimulatedGateway gateway;

    @BeforeEach
    void gatewayUp() {
        gateway = new SimulatedGateway(services().gatewayUrl());
        gateway.up();
    }

    @AfterEach
    void gatewayBack() {
        gateway.up();
    }

    @Test
    void aRideWithinItsHoldIsPaidFromTheCreditsAndCountedOnceEverywhere() {
        String rider = registerRider("50.00");
        String vehicle = registerVehicle();
        Ride ride = book(rider, vehicle);
        // 1.00 + 0.90 x 1.25 km (1.125 -> 1.13) + 0.25 x 3.5 min (0.875 -> 0.88)
        BigDecimal fare = new BigDecimal("3.01");
        assertThat(ride.hold()).isGreaterThan(fare);

        drive(ride, "{\"distanceKm\":\"1.25\",\"durationMinutes\":3.5,\"energyKwh\":0.4}");

        JsonNode invoice = awaitInvoice(rider, "PAID");
        String invoiceId = invoice.path("id").asText();
        assertThat(invoice.path("amount").decimalValue()).isEqualTo(fare);
        assertThat(invoice.path("currency").asText()).isEqualTo("EUR");
        assertThat(invoice.path("tripId").asText()).isEqualTo(ride.tripId());
        assertThat(invoice.path("bookingId").asText()).isEqualTo(ride.bookingId());
        assertThat(invoice.path("userId").asText()).isEqualTo(rider);
        assertThat(invoice.path("creditsCaptured").decimalValue()).isEqualByComparingTo(fare);
        assertThat(invoice.path("pendingReason").isNull()).isTrue();
        assertThat(invoice.path("paidAt").asText()).isNotBlank();
        HubClient.Response one = hub.get("/api/v1/billing/invoices/" + invoiceId);
        assertThat(one.status()).as(one.toString()).isEqualTo(200);
        assertOnlyPublicHeaders(one);
        assertThat(decimals(one).path("amount").decimalValue()).isEqualTo(fare);
        assertThat(gateway.chargesOf("invoice-" + invoiceId)).as("the credits paid it all").isEmpty();

        // The hold was captured for the fare; the rest of it went back to the balance.
        JsonNode account = account(hub, rider);
        assertThat(account.path("balance").decimalValue()).isEqualByComparingTo("46.99");
        assertThat(account.path("held").decimalValue()).isEqualByComparingTo("0");
        assertThat(account.path("amountDue").decimalValue()).isEqualByComparingTo("0");
        JsonNode hold = entry(account, "HOLD", ride.bookingId());
        assertThat(hold.path("status").asText()).isEqualTo("CAPTURED");
        assertThat(hold.path("amount").decimalValue()).isEqualByComparingTo(ride.hold());
        JsonNode invoiced = entry(account, "INVOICE", ride.tripId());
        assertThat(invoiced.path("amount").decimalValue()).isEqualTo(fare);
        assertThat(invoiced.path("currency").asText()).isEqualTo("EUR");
        assertThat(invoiced.path("status").asText()).isEqualTo("PAID");
        assertThat(entries(account, "PAYMENT_CREDITS")).singleElement().satisfies(paid -> {
            assertThat(paid.path("amount").decimalValue()).isEqualTo(fare);
            assertThat(paid.path("status").asText()).isEqualTo("SUCCEEDED");
            assertThat(paid.path("invoiceId").asText()).isEqualTo(invoiceId);
        });
        assertThat(entries(account, "PAYMENT_GATEWAY")).isEmpty();

        assertVehicleFreedWithMileage(vehicle, "1.25");
        assertCountedOnce(ride, "1.25", fare);
        assertReceiptSent(rider, invoiceId);
        assertNoViolations(rider, ride);
        assertThat(gateway.chargesOf("invoice-" + invoiceId)).isEmpty();
    }

    @Test
    void aFareBeyondTheHoldWaitsWhileTheGatewayIsDownAndIsChargedExactlyOnceWhenItIsBack() {
        String rider = registerRider("50.00");
        String vehicle = registerVehicle();
        Ride ride = book(rider, vehicle);
        // 1.00 + 0.90 x 12.5 km + 0.25 x 30 min
        BigDecimal fare = new BigDecimal("19.75");
        BigDecimal due = fare.subtract(ride.hold());
        assertThat(due.signum()).isPositive();
        HubClient riderClient = hub.asRider(rider);

        gateway.down();
        drive(ride, "{\"distanceKm\":12.5,\"durationMinutes\":30,\"energyKwh\":2.1}");

        JsonNode pending = awaitInvoice(rider, "PAYMENT_PENDING");
        String invoiceId = pending.path("id").asText();
        String idempotencyKey = "invoice-" + invoiceId;
        assertThat(pending.path("amount").decimalValue()).isEqualTo(fare);
        assertThat(pending.path("currency").asText()).isEqualTo("EUR");
        assertThat(pending.path("creditsCaptured").decimalValue()).isEqualByComparingTo(ride.hold());
        assertThat(pending.path("pendingReason").asText()).startsWith("payment gateway: ");
        // The rider pays now: the gateway is still down, so it stays pending (and is retried on its own).
        HubClient.Response payNow = pay(riderClient, invoiceId);
        assertThat(payNow.status()).as(payNow.toString()).isEqualTo(200);
        assertThat(decimals(payNow).path("status").asText()).isEqualTo("PAYMENT_PENDING");
        JsonNode owing = account(riderClient, rider);
        assertThat(owing.path("amountDue").decimalValue()).isEqualByComparingTo(due);
        assertThat(owing.path("held").decimalValue()).isEqualByComparingTo("0");
        assertThat(entry(owing, "INVOICE", ride.tripId()).path("status").asText()).isEqualTo("PAYMENT_PENDING");
        assertThat(gateway.chargesOf(idempotencyKey)).isEmpty();

        gateway.up();

        JsonNode paid = awaitInvoice(rider, "PAID");
        assertThat(paid.path("id").asText()).isEqualTo(invoiceId);
        assertThat(paid.path("pendingReason").isNull()).isTrue();
        List<JsonNode> charges = gateway.chargesOf(idempotencyKey);
        assertThat(charges).singleElement().satisfies(charge -> {
            assertThat(charge.path("amount").decimalValue()).isEqualByComparingTo(due);
            assertThat(charge.path("currency").asText()).isEqualTo("EUR");
            assertThat(charge.path("reference").asText()).isEqualTo(invoiceId);
        });

        // Paying a paid invoice again is refused, cleanly, and charges nothing.
        JsonNode twice = assertProblem(pay(riderClient, invoiceId), 409);
        assertThat(twice.path("detail").asText()).contains(invoiceId);
        assertProblem(pay(hub, invoiceId), 409);

        JsonNode settled = account(riderClient, rider);
        assertThat(settled.path("amountDue").decimalValue()).isEqualByComparingTo("0");
        assertThat(settled.path("balance").decimalValue()).isEqualByComparingTo(new BigDecimal("50.00").subtract(ride.hold()));
        assertThat(entries(settled, "PAYMENT_CREDITS")).singleElement()
                .satisfies(credits -> assertThat(credits.path("amount").decimalValue()).isEqualByComparingTo(ride.hold()));
        assertThat(entries(settled, "PAYMENT_GATEWAY")).singleElement().satisfies(throughGateway -> {
            assertThat(throughGateway.path("amount").decimalValue()).isEqualByComparingTo(due);
            assertThat(throughGateway.path("reference").asText()).isEqualTo(charges.getFirst().path("paymentId").asText());
        });

        assertVehicleFreedWithMileage(vehicle, "12.5");
        assertCountedOnce(ride, "12.5", fare);
        assertReceiptSent(rider, invoiceId);
        assertNoViolations(rider, ride);
        assertThat(gateway.chargesOf(idempotencyKey)).as("still one charge after the schedule ran on").hasSize(1);
        assertThat(invoice(hub, invoiceId).path("status").asText()).isEqualTo("PAID");
    }

    @Test
    void aRiderSeesTheirOwnInvoicesAndAccountAndNobodyElses() {
        String rider = registerRider("50.00");
        Ride ride = book(rider, registerVehicle());
        drive(ride, "{\"distanceKm\":2,\"durationMinutes\":4,\"energyKwh\":0.3}");
        String invoiceId = awaitInvoice(rider, "PAID").path("id").asText();
        HubClient own = hub.asRider(rider);
        HubClient other = hub.asRider(UUID.randomUUID());

        HubClient.Response mine = own.get("/api/v1/billing/invoices?userId=" + rider);
        assertThat(mine.status()).as(mine.toString()).isEqualTo(200);
        assertThat(mine.json().path("items").findValuesAsText("id")).containsExactly(invoiceId);
        // Without userId the hub asks for the rider's own.
        HubClient.Response implied = own.get("/api/v1/billing/invoices");
        assertThat(implied.status()).as(implied.toString()).isEqualTo(200);
        assertThat(implied.json().path("items").findValuesAsText("userId")).containsOnly(rider);
        assertThat(decimals(own.get("/api/v1/billing/invoices/" + invoiceId)).path("amount").decimalValue())
                .isEqualTo(new BigDecimal("3.80"));
        assertThat(account(own, rider).path("userId").asText()).isEqualTo(rider);
        assertProblem(pay(own, invoiceId), 409);

        assertProblem(other.get("/api/v1/billing/invoices/" + invoiceId), 404);
        assertProblem(other.get("/api/v1/billing/accounts/" + rider), 404);
        assertProblem(other.get("/api/v1/billing/invoices?userId=" + rider), 404);
        assertProblem(pay(other, invoiceId), 404);
        HubClient.Response theirs = other.get("/api/v1/billing/invoices");
        assertThat(theirs.status()).as(theirs.toString()).isEqualTo(200);
        assertThat(theirs.json().path("items")).isEmpty();
        assertProblem(own.get("/api/v1/billing/invoices/" + UUID.randomUUID()), 404);
    }

    @Test
    void unknownAndMalformedBillingRequestsAnswerProblemsNamingTheFault() {
        assertNamesField(assertProblem(hub.get("/api/v1/billing/invoices?userId=not-a-uuid"), 400), "userId");
        assertNamesField(assertProblem(hub.get("/api/v1/billing/invoices?page=-1"), 400), "page");
        assertNamesField(assertProblem(hub.get("/api/v1/billing/invoices?size=0"), 400), "size");
        assertProblem(hub.get("/api/v1/billing/invoices/not-a-uuid"), 404);
        assertProblem(hub.get("/api/v1/billing/invoices/" + UUID.randomUUID()), 404);
        assertProblem(pay(hub, UUID.randomUUID().toString()), 404);
        assertProblem(hub.get("/api/v1/billing/accounts/" + UUID.randomUUID()), 404);
        assertProblem(hub.get("/api/v1/billing/accounts/not-a-uuid"), 404);
    }

    @Test
    void theOpenApiDocumentListsTheBillingOperations() {
        HubClient.Response document = hub.get("/api/v1/openapi.json");
        assertThat(document.status()).isEqualTo(200);
        JsonNode paths = document.json().path("paths");
        assertThat(paths.path("/billing/accounts/{userId}").has("get")).as(paths.toString()).isTrue();
        assertThat(paths.path("/billing/invoices").has("get")).isTrue();
        assertThat(paths.path("/billing/invoices/{id}").has("get")).isTrue();
        assertThat(paths.path("/billing/invoices/{id}/payments").has("post")).isTrue();
    }

    /** A booking the saga confirmed, with its trip and the credits it holds (the booking's fare estimate). */
    private record Ride(String rider, String vehicle, String bookingId, String tripId, BigDecimal hold) {
    }

    private Ride book(String rider, String vehicle) {
        HubClient.Response confirmed = hub.send("/api/v1/bookings",
                Map.of("Content-Type", "application/json", "Prefer", "wait=30"), "POST",
                "{\"userId\":\"" + rider + "\",\"vehicleId\":\"" + vehicle + "\",\"pickup\":" + PICKUP
                        + ",\"dropoff\":" + DROPOFF + "}");
        assertThat(confirmed.status()).as(confirmed.toString()).isEqualTo(201);
        JsonNode booking = decimals(confirmed);
        assertThat(booking.path("status").asText()).isEqualTo("CONFIRMED");
        Ride ride = new Ride(rider, vehicle, booking.path("bookingId").asText(), booking.path("tripId").asText(),
                booking.path("fare").decimalValue());
        assertThat(ride.tripId()).isNotBlank();
        assertThat(account(hub, rider).path("held").decimalValue()).isEqualByComparingTo(ride.hold());
        return ride;
    }

    /** Start, two tracking points, complete with {@code measured}. */
    private void drive(Ride ride, String measured) {
        HubClient.Response started = hub.send("/api/v1/trips/" + ride.tripId() + "/start", Map.of(), "POST", null);
        assertThat(started.status()).as(started.toString()).isEqualTo(200);
        assertThat(started.json().path("status").asText()).isEqualTo("IN_PROGRESS");
        for (String point : List.of("{\"lat\":52.512,\"lng\":13.38}", "{\"lat\":52.503,\"lng\":13.36}")) {
            HubClient.Response tracked = hub.post("/api/v1/trips/" + ride.tripId() + "/locations", point);
            assertThat(tracked.status()).as(tracked.toString()).isEqualTo(200);
        }
        HubClient.Response completed = hub.post("/api/v1/trips/" + ride.tripId() + "/complete", measured);
        assertThat(completed.status()).as(completed.toString()).isEqualTo(200);
        assertThat(completed.json().path("status").asText()).isEqualTo("COMPLETED");
        assertThat(hub.get("/api/v1/trips/" + ride.tripId()).json().path("route")).hasSize(2);
    }

    /** The rider's only invoice, once it has {@code status} (listed through the hub). */
    private JsonNode awaitInvoice(String rider, String status) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(300)).until(() -> {
            JsonNode items = invoices(rider);
            return items.size() == 1 && status.equals(items.get(0).path("status").asText());
        });
        return invoices(rider).get(0);
    }

    private JsonNode invoices(String rider) {
        HubClient.Response listed = hub.get("/api/v1/billing/invoices?userId=" + rider);
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        return decimals(listed).path("items");
    }

    /** {@code POST /billing/invoices/{id}/payments}: a command without a body. */
    private static HubClient.Response pay(HubClient client, String invoiceId) {
        return client.send("/api/v1/billing/invoices/" + invoiceId + "/payments", Map.of(), "POST", null);
    }

    private static JsonNode invoice(HubClient client, String invoiceId) {
        HubClient.Response read = client.get("/api/v1/billing/invoices/" + invoiceId);
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        return decimals(read);
    }

    private static JsonNode account(HubClient client, String rider) {
        HubClient.Response account = client.get("/api/v1/billing/accounts/" + rider);
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
        return decimals(account);
    }

    private static List<JsonNode> entries(JsonNode account, String type) {
        List<JsonNode> found = new ArrayList<>();
        account.path("entries").forEach(entry -> {
            if (type.equals(entry.path("type").asText())) {
                found.add(entry);
            }
        });
        return found;
    }

    private static JsonNode entry(JsonNode account, String type, String reference) {
        List<JsonNode> found = entries(account, type).stream()
                .filter(entry -> reference.equals(entry.path("reference").asText())).toList();
        assertThat(found).as(type + " " + reference + " in " + account).hasSize(1);
        return found.getFirst();
    }

    private void assertVehicleFreedWithMileage(String vehicle, String distanceKm) {
        await().atMost(WAIT).until(() -> "AVAILABLE".equals(hub.get("/api/v1/vehicles/" + vehicle).json()
                .path("status").asText()));
        assertThat(decimals(hub.get("/api/v1/vehicles/" + vehicle)).path("mileageKm").decimalValue())
                .isEqualByComparingTo(distanceKm);
    }

    /** trip-service's analytics: one trip, its distance, and the invoice's amount as revenue, for vehicle and rider. */
    private void assertCountedOnce(Ride ride, String distanceKm, BigDecimal fare) {
        for (String subject : List.of("/api/v1/analytics/vehicles/" + ride.vehicle(), "/api/v1/analytics/users/" + ride.rider())) {
            // The trip (TripCompleted) and its revenue (InvoiceIssued) arrive by different events.
            await().atMost(WAIT).until(() -> {
                JsonNode now = decimals(hub.get(subject));
                return now.path("trips").asLong() > 0 && now.path("revenue").decimalValue().signum() > 0;
            });
            JsonNode figures = decimals(hub.get(subject));
            assertThat(figures.path("trips").asLong()).as(subject).isEqualTo(1);
            assertThat(figures.path("distanceKm").decimalValue()).as(subject).isEqualByComparingTo(distanceKm);
            assertThat(figures.path("revenue").decimalValue()).as(subject).isEqualByComparingTo(fare);
        }
    }

    /** notification-service's own record of the receipt: one TRIP_RECEIPT for the invoice. */
    private static void assertReceiptSent(String rider, String invoiceId) {
        JdbcTemplate notifications = services().notifications().context().getBean(JdbcTemplate.class);
        await().atMost(WAIT).until(() -> receipts(notifications, rider, invoiceId) > 0);
        assertThat(receipts(notifications, rider, invoiceId)).isEqualTo(1);
    }

    private static long receipts(JdbcTemplate notifications, String rider, String invoiceId) {
        return notifications.queryForObject("select count(*) from notification where kind = 'TRIP_RECEIPT'"
                + " and user_id = ?::uuid and source_event_id = ?::uuid", Long.class, rider, invoiceId);
    }

    /** The hub's consistency report names neither this ride's booking nor its rider. */
    private void assertNoViolations(String rider, Ride ride) {
        Set<String> ours = Set.of(rider, ride.bookingId());
        await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HubClient.Response report = hub.get("/api/v1/admin/consistency");
            assertThat(report.status()).as(report.toString()).isEqualTo(200);
            List<JsonNode> about = new ArrayList<>();
            report.json().path("violations").forEach(violation -> {
                if (ours.contains(violation.path("bookingId").asText()) || ours.contains(violation.path("userId").asText())
                        || "check-incomplete".equals(violation.path("kind").asText())) {
                    about.add(violation);
                }
            });
            assertThat(about).as(report.body()).isEmpty();
        });
    }

    private String registerRider(String credits) {
        HubClient.Response created = hub.post("/api/v1/users", "{\"name\":\"Riding Rider\",\"email\":\"" + newEmail()
                + "\",\"initialCredits\":" + credits + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private String registerVehicle() {
        HubClient.Response created = hub.post("/api/v1/vehicles", "{\"vin\":\"" + newVin()
                + "\",\"model\":\"Ride Pod\",\"location\":{\"lat\":52.52,\"lng\":13.405}}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }

    private static JsonNode decimals(HubClient.Response response) {
        try {
            return DECIMALS.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("Not JSON (status " + response.status() + "): " + response.body(), e);
        }
    }
}
