package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's timeout toxic: no data gets through; the link closes once {@code timeout} ms pass
 * without data arriving at the toxic (each chunk restarts the clock, as in Toxiproxy). With 0 the
 * data is swallowed until the toxic is removed, and removing it closes the link.
 */
final class TimeoutStage implements Stage {

    private final long timeoutNanos;
    private long lastInput = System.nanoTime();

    TimeoutStage(long timeoutMs) {
        this.timeoutNanos = TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }

    @Override
    public void onData(Segment segment, StageOutput out) {
        out.drop(segment);
        lastInput = System.nanoTime();
    }

    @Override
    public long deadline() {
        return timeoutNanos > 0 ? lastInput + timeoutNanos : NO_DEADLINE;
    }

    @Override
    public void onDeadline(StageOutput out) throws IOException, Interruption {
        out.end();
    }

    @Override
    public boolean endsLinkWhenRemoved() {
        return true;
    }
}
