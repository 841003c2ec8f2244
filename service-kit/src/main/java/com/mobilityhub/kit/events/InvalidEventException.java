package com.mobilityhub.kit.events;

/** A record that is not a valid event for its topic. Sent to the dead-letter topic without retries. */
public class InvalidEventException extends RuntimeException {

    public InvalidEventException(String reason) {
        super(reason);
    }
}
