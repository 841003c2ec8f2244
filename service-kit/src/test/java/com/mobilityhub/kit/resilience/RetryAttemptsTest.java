package com.mobilityhub.kit.resilience;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RetryAttemptsTest {

    @Test
    void triesOnceThenRetriesWithExponentialBackoffUpToTheLimit() {
        RetryAttempts attempts = new RetryAttempts(3, Duration.ofMillis(200), 2);
        List<Long> delays = new ArrayList<>();
        while (attempts.another()) {
            delays.add(attempts.delayBeforeNextMillis());
            attempts.failed(new IOException("refused"));
        }
        assertThat(delays).containsExactly(0L, 200L, 400L, 800L);
    }

    @Test
    void stopsAtOnceWhenTheBreakerIsOpenOrTheCallSucceeded() {
        RetryAttempts open = new RetryAttempts(3, Duration.ofMillis(200), 2);
        open.delayBeforeNextMillis();
        open.failed(CallNotPermittedException.createCallNotPermittedException(CircuitBreaker.ofDefaults("test")));
        assertThat(open.another()).isFalse();

        RetryAttempts paid = new RetryAttempts(3, Duration.ofMillis(200), 2);
        paid.delayBeforeNextMillis();
        paid.succeeded();
        assertThat(paid.another()).isFalse();
        assertThat(paid.hasSucceeded()).isTrue();
    }
}
