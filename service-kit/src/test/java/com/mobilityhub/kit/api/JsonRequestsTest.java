package com.mobilityhub.kit.api;

import jakarta.validation.Validation;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonRequestsTest {

    record Payment(@NotBlank String reference,
                   @NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 12, fraction = 2) BigDecimal amount) {
    }

    private final JsonRequests requests = new JsonRequests(Validation.buildDefaultValidatorFactory().getValidator());

    @Test
    void acceptsMoneyAsANumberOrADecimalStringExactly() {
        assertThat(requests.read("{\"reference\":\"r\",\"amount\":12.5}", Payment.class).amount())
                .isEqualByComparingTo("12.50");
        assertThat(requests.read("{\"reference\":\"r\",\"amount\":\"0.10\"}", Payment.class).amount())
                .isEqualTo(new BigDecimal("0.10"));
    }

    @Test
    void refusesAStringWhereTextIsNotADecimalOrANumberWhereTextIsExpected() {
        assertField("{\"reference\":\"r\",\"amount\":\"ten\"}", "amount", "has the wrong type");
        assertField("{\"reference\":\"r\",\"amount\":\"\"}", "amount", "has the wrong type");
        assertField("{\"reference\":12,\"amount\":1}", "reference", "has the wrong type");
        assertField("{\"reference\":\"r\",\"amount\":true}", "amount", "has the wrong type");
    }

    @Test
    void namesUnknownMissingAndInvalidFields() {
        assertField("{\"reference\":\"r\",\"amount\":1,\"admin\":true}", "admin", "unknown field");
        assertField("{\"reference\":\"r\"}", "amount", "must not be null");
        assertField("{\"reference\":\"r\",\"amount\":1.005}", "amount", "numeric value out of bounds");
    }

    @Test
    void refusesMalformedBodiesAndDuplicateKeysAsTheBody() {
        assertField("{\"reference\":", "body", "malformed JSON");
        assertField("{\"reference\":\"r\",\"amount\":1,\"amount\":-5}", "body", "malformed JSON");
        assertField("{\"reference\":\"r\",\"amount\":1} {}", "body", "");
        assertField("", "body", "a JSON body is required");
        assertField("null", "body", "a JSON object is required");
        assertField("[]", "body", "has the wrong type");
    }

    private void assertField(String body, String field, String messageStart) {
        assertThatThrownBy(() -> requests.read(body, Payment.class))
                .isInstanceOfSatisfying(ProblemException.class, problem -> {
                    Problem answer = problem.toProblem("/test");
                    assertThat(answer.status()).isEqualTo(400);
                    assertThat(answer.errors()).singleElement().satisfies(error -> {
                        assertThat(error.field()).isEqualTo(field);
                        assertThat(error.message()).startsWith(messageStart);
                    });
                });
    }
}
