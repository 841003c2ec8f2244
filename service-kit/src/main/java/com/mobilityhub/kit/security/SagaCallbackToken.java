package com.mobilityhub.kit.security;

import org.apache.camel.Exchange;
import org.apache.camel.Expression;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;

/**
 * Proof that an LRA participant callback ({@code PUT .../lra-participant/compensate|complete}) comes from a
 * join this platform made. The coordinator cannot carry our {@link ServiceCredentials} on its calls, but it
 * calls back exactly the URL a step joined with, and Camel LRA puts every saga option in that URL as a query
 * parameter. So each saga step adds the option {@link #OPTION}: an HMAC-SHA256, with the shared service secret,
 * over the LRA's id and the booking id. {@link SagaCallbackFilter} recomputes it from the callback's
 * {@code Long-Running-Action} header and {@code bookingId} parameter: without the secret nobody can forge a
 * callback that releases someone's credits or vehicle.
 *
 * <p>In a saga step, next to the booking id option, with the same booking id expression:
 * <pre>{@code .option(SagaCallbackToken.OPTION, SagaCallbackToken.forBooking(header("bookingId")))}</pre>
 *
 * <p>Hex: options travel unencoded in the participant URL. With no secret configured the token is empty and
 * nothing is checked ({@link #enabled()} false), like {@link ServiceCredentials}.
 */
public final class SagaCallbackToken {

    /** Query parameter of the participant URL (and header of the callback exchange) holding the token. */
    public static final String OPTION = "sagaCallbackToken";
    /** Query parameter every saga step of the platform sets to its booking id. */
    public static final String BOOKING_ID = "bookingId";

    // Domain separation: a token can never double as a ServiceCredentials signature, or the reverse.
    private static final String PURPOSE = "mobility-hub saga callback";

    private final byte[] secret;

    public SagaCallbackToken(String secret) {
        this.secret = secret == null || secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
    }

    public static SagaCallbackToken disabled() {
        return new SagaCallbackToken(null);
    }

    public boolean enabled() {
        return secret != null;
    }

    /** The token of the step that joined LRA {@code lraId} for {@code bookingId}; empty when disabled. */
    public String of(String lraId, String bookingId) {
        if (!enabled()) {
            return "";
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            String canonical = PURPOSE + "\n" + lraUid(lraId) + "\n" + (bookingId == null ? "" : bookingId);
            return HexFormat.of().formatHex(mac.doFinal(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** Why a callback is refused, or null when its token matches its LRA and booking (always null when disabled). */
    public String refusal(String lraId, String bookingId, String token) {
        if (!enabled()) {
            return null;
        }
        if (lraId == null || lraId.isBlank()) {
            return "missing Long-Running-Action header";
        }
        if (bookingId == null || bookingId.isBlank()) {
            return "missing " + BOOKING_ID;
        }
        if (token == null || token.isBlank()) {
            return "missing " + OPTION;
        }
        byte[] expected = of(lraId, bookingId).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, token.trim().toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            return OPTION + " does not match the LRA and booking";
        }
        return null;
    }

    /**
     * The saga option's value: the token over the exchange's LRA (the saga EIP sets the
     * {@code Long-Running-Action} header before it joins) and {@code bookingId}, the expression the step
     * also gives its booking id option. Finds the app's {@code SagaCallbackToken} bean in the Camel registry,
     * so adding it to a step is one line.
     */
    public static Expression forBooking(Expression bookingId) {
        return new Expression() {
            private volatile SagaCallbackToken tokens;

            @Override
            public <T> T evaluate(Exchange exchange, Class<T> type) {
                if (tokens == null) {
                    SagaCallbackToken found = exchange.getContext().getRegistry().findSingleByType(SagaCallbackToken.class);
                    tokens = found == null ? disabled() : found;
                }
                String lraId = exchange.getMessage().getHeader(Exchange.SAGA_LONG_RUNNING_ACTION, String.class);
                String booking = bookingId.evaluate(exchange, String.class);
                return exchange.getContext().getTypeConverter().convertTo(type, tokens.of(lraId, booking));
            }

            @Override
            public String toString() {
                return "sagaCallbackToken(" + bookingId + ")";
            }
        };
    }

    /**
     * The coordinator-unique part of an LRA id (the last path segment of its URL): the same LRA may be named
     * through another host name by the coordinator than by the app that joined it.
     */
    static String lraUid(String lraId) {
        if (lraId == null) {
            return "";
        }
        String id = lraId.trim();
        int query = id.indexOf('?');
        if (query >= 0) {
            id = id.substring(0, query);
        }
        while (id.endsWith("/")) {
            id = id.substring(0, id.length() - 1);
        }
        return id.substring(id.lastIndexOf('/') + 1);
    }

    @Override
    public String toString() {
        // Never the secret: this object may end up in a log line or a debugger.
        return "SagaCallbackToken[" + (enabled() ? "enabled]" : "disabled]");
    }
}
