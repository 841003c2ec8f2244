package com.mobilityhub.contracts;

/** Kafka record headers that travel beside the envelope. Everything else is stripped before publishing. */
public final class EventHeaders {

    public static final String EVENT_ID = "eventId";
    public static final String EVENT_TYPE = "eventType";
    public static final String CORRELATION_ID = "correlationId";
    public static final String TRACEPARENT = "traceparent";
    /** The MicroProfile LRA id, when the event is part of a saga. */
    public static final String LONG_RUNNING_ACTION = "Long-Running-Action";
    /** On a dead-lettered record: why it was refused. */
    public static final String DEAD_LETTER_REASON = "deadLetterReason";

    private EventHeaders() {
    }
}
