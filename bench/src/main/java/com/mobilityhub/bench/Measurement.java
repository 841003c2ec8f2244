package com.mobilityhub.bench;

/** One load level of one scenario, with the CPU each process spent on it. */
public record Measurement(Scenario scenario, int clients, LatencyStats stats, CpuUsage cpu) {

    /** A level measured without CPU accounting. */
    public Measurement(Scenario scenario, int clients, LatencyStats stats) {
        this(scenario, clients, stats, CpuUsage.NOT_MEASURED);
    }

    /** What was measured; the booking paths are the platform, the rest are its baselines. */
    public enum Scenario {
        BOOKING_SUCCESS("booking saga, success path", "sagas/s", true),
        BOOKING_REJECTION("booking saga, rejection path (compensations)", "sagas/s", true),
        COORDINATOR("raw coordinator: start + 5 joins + close, no-op participants", "sagas/s", false),
        DATABASE("raw database: one-row insert transactions", "tx/s", false),
        BROKER("raw broker: produce (acks=all) and consume round trips", "round trips/s", false);

        public final String description;
        public final String unit;
        public final boolean platform;

        Scenario(String description, String unit, boolean platform) {
            this.description = description;
            this.unit = unit;
            this.platform = platform;
        }
    }
}
