package com.mobilityhub.trips.booking;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;
import org.apache.camel.component.kafka.KafkaConstants;
import org.apache.camel.support.ExpressionAdapter;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** Reads saga data off Camel exchanges: Kafka record headers arrive as byte[], HTTP ones as text. */
final class SagaExchanges {

    /** The LRA option carrying the booking id to the compensation and completion. */
    static final String BOOKING_ID = "bookingId";

    /** Stands in for a record key that is not a booking id: the callbacks then have nothing to do. */
    static final String NO_BOOKING = "none";

    private static final Pattern UUID_TEXT =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /**
     * The booking id for the LRA option, from the Kafka record key (= the booking id). Options travel
     * unencoded in the participant URL, so only a UUID is let through (FIELD-NOTES).
     */
    static Expression bookingIdFromRecordKey() {
        return new ExpressionAdapter() {
            @Override
            public Object evaluate(Exchange exchange) {
                String key = text(exchange, KafkaConstants.KEY);
                return key != null && UUID_TEXT.matcher(key).matches() ? key : NO_BOOKING;
            }
        };
    }

    /** The booking id a compensation or completion was called for; empty when the step had none. */
    static Optional<UUID> bookingIdOption(Exchange exchange) {
        String value = text(exchange, BOOKING_ID);
        return value != null && UUID_TEXT.matcher(value).matches() ? Optional.of(UUID.fromString(value)) : Optional.empty();
    }

    /** A header as text, whether Kafka delivered it as bytes or HTTP as a string. */
    static String text(Exchange exchange, String header) {
        Object value = exchange.getMessage().getHeader(header);
        if (value instanceof byte[] bytes) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        return value == null ? null : value.toString();
    }

    private SagaExchanges() {
    }
}
