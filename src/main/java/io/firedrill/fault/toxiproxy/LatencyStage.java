package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's latency toxic: each chunk leaves {@code latency ± jitter} ms after it was read, so
 * the delay does not pile up behind a busy link; chained latency toxics add up.
 */
final class LatencyStage implements Stage {

    private final long latencyMs;
    private final long jitterMs;

    LatencyStage(long latencyMs, long jitterMs) {
        this.latencyMs = latencyMs;
        this.jitterMs = Math.min(jitterMs, Long.MAX_VALUE / 4);
    }

    @Override
    public void onData(Segment segment, StageOutput out) throws IOException, Interruption {
        long delayMs = latencyMs;
        if (jitterMs > 0) {
            delayMs += ThreadLocalRandom.current().nextLong(jitterMs * 2) - jitterMs;
        }
        long due = segment.timestamp() + TimeUnit.MILLISECONDS.toNanos(delayMs);
        out.sleepUntil(due);
        out.emit(segment.withTimestamp(due));
    }
}
