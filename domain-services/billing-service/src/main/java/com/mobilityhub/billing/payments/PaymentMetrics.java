package com.mobilityhub.billing.payments;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.springframework.stereotype.Component;

import java.math.BigDecimal;

/**
 * Payment meters, at /actuator/prometheus as {@code payment_attempts_total{payment_method,amount_range}},
 * {@code payment_success_total{payment_method}}, {@code payment_failure_total{payment_method,error_type}} and
 * {@code payment_processing_duration_seconds{payment_method,outcome}} (one attempt including its retries).
 */
@Component
public class PaymentMetrics {

    private static final BigDecimal TEN = new BigDecimal("10");
    private static final BigDecimal FIFTY = new BigDecimal("50");
    private static final BigDecimal HUNDRED = new BigDecimal("100");

    private final MeterRegistry meters;

    public PaymentMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    /** A payment of {@code amount} starts; stop the returned sample with {@link #succeeded} or {@link #failed}. */
    public Timer.Sample attempt(String method, BigDecimal amount) {
        Counter.builder("payment.attempts").description("Payments attempted (credits capture or gateway charge)")
                .tag("payment_method", method).tag("amount_range", amountRange(amount))
                .register(meters).increment();
        return Timer.start(meters);
    }

    public void succeeded(String method, Timer.Sample sample) {
        Counter.builder("payment.success").description("Payments that went through")
                .tag("payment_method", method).register(meters).increment();
        sample.stop(timer(method, "success"));
    }

    public void failed(String method, String errorType, Timer.Sample sample) {
        Counter.builder("payment.failure").description("Payments that did not go through, by cause")
                .tag("payment_method", method).tag("error_type", errorType).register(meters).increment();
        if (sample != null) {
            sample.stop(timer(method, "failure"));
        }
    }

    private Timer timer(String method, String outcome) {
        return Timer.builder("payment.processing.duration").description("Time to take one payment, retries included")
                .tag("payment_method", method).tag("outcome", outcome).register(meters);
    }

    /** Coarse buckets: label values must stay few. */
    static String amountRange(BigDecimal amount) {
        if (amount.compareTo(TEN) < 0) {
            return "0-10";
        }
        if (amount.compareTo(FIFTY) < 0) {
            return "10-50";
        }
        return amount.compareTo(HUNDRED) < 0 ? "50-100" : "100+";
    }
}
