package com.mobilityhub.users;

import com.mobilityhub.kit.security.SagaCallbackToken;
import com.mobilityhub.kit.security.ServiceCredentials;

import java.time.Clock;
import java.time.Duration;

/**
 * The service secret every user-service integration test runs with ({@link WholeUserService}), so the
 * internal API demands a service credential and LRA callbacks a saga callback token, as in production.
 * Tests call the app as another app of the platform would: signed ({@link HttpJson}) and, for callbacks,
 * with the token the step joined with ({@link Lras#callParticipant}).
 */
public final class ServiceSecret {

    /** Test-only value; real ones come from the local stack's data dir or a Kubernetes Secret. */
    public static final String VALUE = "user-service-it-secret-4f1c9a";

    public static final ServiceCredentials CREDENTIALS =
            new ServiceCredentials("user-service-it", VALUE, Duration.ofSeconds(60), Clock.systemUTC());

    public static final SagaCallbackToken CALLBACK_TOKENS = new SagaCallbackToken(VALUE);

    private ServiceSecret() {
    }
}
