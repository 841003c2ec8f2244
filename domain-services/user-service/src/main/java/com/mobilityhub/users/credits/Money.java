package com.mobilityhub.users.credits;

import java.math.BigDecimal;

/** Credits are exact decimals with 2 fraction digits, as stored (NUMERIC(14,2)). */
final class Money {

    static final BigDecimal ZERO = new BigDecimal("0.00");

    /** {@code amount} at scale 2; fails rather than rounds when it has more decimals. */
    static BigDecimal exact(BigDecimal amount) {
        return amount.setScale(2); // validated upstream; rounding here would create or destroy money
    }

    private Money() {
    }
}
