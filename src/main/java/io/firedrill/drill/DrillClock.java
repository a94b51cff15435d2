package io.firedrill.drill;

/**
 * The drill's clock: milliseconds since the drill started, read from the monotonic clock so a
 * wall-clock jump cannot bend a recovery time; plus the epoch time of the start for reports.
 */
public final class DrillClock {

    private final long startNanos = System.nanoTime();
    private final long startEpochMs = System.currentTimeMillis();

    public long nowMs() {
        return (System.nanoTime() - startNanos) / 1_000_000;
    }

    public long startEpochMs() {
        return startEpochMs;
    }

    /** Drill time of an epoch timestamp (e.g. a send time from the ledger). */
    public long fromEpochMs(long epochMs) {
        return epochMs - startEpochMs;
    }

    public long toEpochMs(long drillMs) {
        return startEpochMs + drillMs;
    }
}
