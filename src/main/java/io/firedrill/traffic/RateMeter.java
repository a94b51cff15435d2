package io.firedrill.traffic;

import java.util.function.LongSupplier;

/**
 * Events per second from a cumulative counter, measured over the window since the previous roll
 * (at least a second): free on the hot path, the counting is done by the counter already kept.
 */
final class RateMeter {
    private static final long WINDOW_NANOS = 1_000_000_000L;

    private final LongSupplier count;
    private long windowStartNanos = System.nanoTime();
    private long windowStartCount;
    private double perSecond;

    RateMeter(LongSupplier count) {
        this.count = count;
        this.windowStartCount = count.getAsLong();
    }

    synchronized double perSecond() {
        long now = System.nanoTime();
        long elapsed = now - windowStartNanos;
        if (elapsed >= WINDOW_NANOS) {
            long current = count.getAsLong();
            perSecond = (current - windowStartCount) * 1e9 / elapsed;
            windowStartNanos = now;
            windowStartCount = current;
        }
        return perSecond;
    }
}
