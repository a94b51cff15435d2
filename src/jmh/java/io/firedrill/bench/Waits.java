package io.firedrill.bench;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.concurrent.locks.LockSupport;

/** How long the benchmarks wait for a step of a drill, and how they wait. */
final class Waits {

    /** The longest any one step may take before the benchmark fails: far above every figure measured. */
    static final Duration STEP = Duration.ofMinutes(2);

    private Waits() {}

    /** Polls every 5 ms: benchmarks time these waits, so a coarse poll would show in the figures. */
    static void until(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + what + " within " + STEP.toSeconds() + " s");
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
