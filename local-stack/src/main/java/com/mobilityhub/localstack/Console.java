package com.mobilityhub.localstack;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;

/** The launcher's own console: progress lines stamped with the seconds since the launcher JVM started. */
final class Console {

    private final Instant start;
    private final PrintStream out;
    private final PrintStream err;

    Console(PrintStream out, PrintStream err) {
        this.start = ProcessHandle.current().info().startInstant().orElse(Instant.now());
        this.out = out;
        this.err = err;
    }

    Instant start() {
        return start;
    }

    double elapsedSeconds() {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }

    void step(String format, Object... args) {
        out.printf("[%6.1fs] %s%n", elapsedSeconds(), args.length == 0 ? format : String.format(format, args));
        out.flush();
    }

    void print(String text) {
        out.println(text);
        out.flush();
    }

    void error(String text) {
        err.println(text);
        err.flush();
    }
}
