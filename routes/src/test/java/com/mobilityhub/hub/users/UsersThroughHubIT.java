package com.mobilityhub.hub.users;

import com.fasterxml.jackson.databind.JsonNode;
import com.mobilityhub.hub.HubClient;
import com.mobilityhub.hub.ThroughTheHub;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class UsersThroughHubIT extends ThroughTheHub {

    @Test
    void registersAUserAndReadsItBack() {
        String email = newEmail();
        HubClient.Response created = hub.post("/api/v1/users",
                "{\"name\":\"Ada Rider\",\"email\":\"" + email + "\",\"initialCredits\":25.50}");

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.header("Content-Type")).startsWith("application/json");
        JsonNode user = created.json();
        String id = user.path("id").asText();
        assertThat(created.header("Location")).isEqualTo("/api/v1/users/" + id);
        assertThat(user.path("name").asText()).isEqualTo("Ada Rider");
        assertThat(user.path("email").asText()).isEqualTo(email);
        assertThat(user.path("credits").path("balance").decimalValue()).isEqualByComparingTo("25.50");
        assertThat(user.path("credits").path("held").decimalValue()).isEqualByComparingTo("0");
        assertOnlyPublicHeaders(created);

        HubClient.Response read = hub.get(created.header("Location"));
        assertThat(read.status()).as(read.toString()).isEqualTo(200);
        assertThat(read.json().path("id").asText()).isEqualTo(id);
        assertThat(read.json().path("email").asText()).isEqualTo(email);
        assertThat(read.json().path("credits").path("balance").decimalValue()).isEqualByComparingTo("25.50");
        assertOnlyPublicHeaders(read);
    }

    @Test
    void topsUpCreditsAndShowsTheCreditAccount() {
        String id = registerUser("10.00");

        HubClient.Response toppedUp = hub.post("/api/v1/users/" + id + "/credits", "{\"amount\":5.25}");

        assertThat(toppedUp.status()).as(toppedUp.toString()).isEqualTo(200);
        assertThat(toppedUp.json().path("credits").path("balance").decimalValue()).isEqualByComparingTo("15.25");
        HubClient.Response account = hub.get("/api/v1/users/" + id + "/credit-account");
        assertThat(account.status()).as(account.toString()).isEqualTo(200);
        assertThat(account.json().path("userId").asText()).isEqualTo(id);
        assertThat(account.json().path("balance").decimalValue()).isEqualByComparingTo("15.25");
        assertThat(account.json().path("holds").isArray()).isTrue();
    }

    @Test
    void refusesInvalidRegistrationsNamingTheFieldAndWritesNothing() {
        long before = services().users().storedRows();

        assertNamesField(assertProblem(hub.post("/api/v1/users", "{\"name\": \"Ada\", "), 400), "body");
        assertNamesField(assertProblem(hub.post("/api/v1/users",
                "{\"name\":\"Ada\",\"initialCredits\":10}"), 400), "email");
        assertNamesField(assertProblem(hub.post("/api/v1/users",
                "{\"name\":\"Ada\",\"email\":\"" + newEmail() + "\",\"initialCredits\":true}"), 400), "initialCredits");
        assertNamesField(assertProblem(hub.post("/api/v1/users",
                "{\"name\":\"Ada\",\"email\":\"" + newEmail() + "\",\"initialCredits\":\"ten\"}"), 400), "initialCredits");
        assertNamesField(assertProblem(hub.post("/api/v1/users",
                "{\"name\":\"Ada\",\"email\":\"" + newEmail() + "\",\"initialCredits\":-5}"), 400), "initialCredits");
        assertNamesField(assertProblem(hub.post("/api/v1/users",
                "{\"name\":\"\",\"email\":\"not-an-email\",\"initialCredits\":1}"), 400), "email");

        assertThat(services().users().storedRows()).isEqualTo(before);
    }

    @Test
    void refusesTopUpsThatAreNotPositiveAndLeavesTheBalance() {
        String id = registerUser("7.00");
        long before = services().users().storedRows();

        assertNamesField(assertProblem(hub.post("/api/v1/users/" + id + "/credits", "{\"amount\":-1}"), 400), "amount");
        assertNamesField(assertProblem(hub.post("/api/v1/users/" + id + "/credits", "{\"amount\":0}"), 400), "amount");
        assertNamesField(assertProblem(hub.post("/api/v1/users/" + id + "/credits", "{\"amount\":\"lots\"}"), 400), "amount");
        assertNamesField(assertProblem(hub.post("/api/v1/users/" + id + "/credits", "{\"amount\":true}"), 400), "amount");
        assertNamesField(assertProblem(hub.post("/api/v1/users/" + id + "/credits", "{}"), 400), "amount");

        assertThat(services().users().storedRows()).isEqualTo(before);
        assertThat(hub.get("/api/v1/users/" + id).json().path("credits").path("balance").decimalValue())
                .isEqualByComparingTo(new BigDecimal("7.00"));
    }

    @Test
    void answersNotFoundForUnknownUsers() {
        long before = services().users().storedRows();
        String unknown = UUID.randomUUID().toString();

        assertProblem(hub.get("/api/v1/users/" + unknown), 404);
        assertProblem(hub.post("/api/v1/users/" + unknown + "/credits", "{\"amount\":5}"), 404);
        assertProblem(hub.get("/api/v1/users/" + unknown + "/credit-account"), 404);

        assertThat(services().users().storedRows()).isEqualTo(before);
    }

    @Test
    void answersNotFoundForIdsThatAreNotUuids() {
        long before = services().users().storedRows();

        assertNamesField(assertProblem(hub.get("/api/v1/users/not-a-uuid"), 404), "id");
        assertNamesField(assertProblem(hub.get("/api/v1/users/1-1-1-1-1"), 404), "id");
        assertNamesField(assertProblem(hub.post("/api/v1/users/42/credits", "{\"amount\":5}"), 404), "id");
        assertNamesField(assertProblem(hub.get("/api/v1/users/42/credit-account"), 404), "id");

        assertThat(services().users().storedRows()).isEqualTo(before);
    }

    private String registerUser(String initialCredits) {
        HubClient.Response created = hub.post("/api/v1/users",
                "{\"name\":\"Grace Rider\",\"email\":\"" + newEmail() + "\",\"initialCredits\":" + initialCredits + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.json().path("id").asText();
    }
}
