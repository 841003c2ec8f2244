package com.mobilityhub.billing;

import com.mobilityhub.gateway.Charges;
import com.mobilityhub.gateway.Faults;
import com.mobilityhub.gateway.PaymentGatewaySimulator;
import com.mobilityhub.infra.Ports;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;

/**
 * The payment gateway simulator, in this JVM on a port fixed for the JVM's life, so it can be stopped
 * ("the gateway is down": connections refused) and started again at the same URL. Its faults are set
 * through its real admin endpoint by the tests; its charges are counted per idempotency key.
 */
public final class GatewayBeside {

    private static final int PORT = Ports.free();
    private static PaymentGatewaySimulator running;
    private static final Faults FAULTS = new Faults(Duration.ZERO, 0);
    /** The ledger outlives restarts, as a real gateway's would. */
    private static final Charges CHARGES = new Charges();

    private GatewayBeside() {
    }

    public static synchronized String url() {
        if (running == null) {
            start();
        }
        return "http://127.0.0.1:" + PORT;
    }

    public static synchronized void start() {
        if (running != null) {
            return;
        }
        try {
            running = PaymentGatewaySimulator.start("127.0.0.1", PORT, FAULTS, CHARGES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static synchronized void stop() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** Charges made with {@code idempotencyKey}: 0 or 1, never more. */
    public static synchronized long chargesOf(String idempotencyKey) {
        return CHARGES.all().stream()
                .filter(charge -> charge.idempotencyKey().equals(idempotencyKey)).count();
    }

    public static synchronized List<Charges.Charge> charges() {
        return CHARGES.all();
    }
}
