package com.mobilityhub.hub.services;

import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class QueryStringsTest {

    @Test
    void keepsOnlyTheNamedParametersStillEncoded() {
        assertThat(QueryStrings.retain("status=IN%20USE&debug=1&page=2&status=OFFLINE", Set.of("status", "page")))
                .isEqualTo("status=IN%20USE&page=2&status=OFFLINE");
    }

    @Test
    void leavesNoQueryWhenNothingIsForwarded() {
        assertThat(QueryStrings.retain("debug=1", Set.of("status"))).isNull();
        assertThat(QueryStrings.retain(null, Set.of("status"))).isNull();
        assertThat(QueryStrings.retain("status=AVAILABLE", Set.of())).isNull();
    }
}
