package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/** Toxiproxy's slow_close toxic: the close of the stream is held back {@code delay} ms. */
final class SlowCloseStage implements Stage {

    private final long delayMs;

    SlowCloseStage(long delayMs) {
        this.delayMs = delayMs;
    }

    @Override
    public void onData(Segment segment, StageOutput out) throws IOException, Interruption {
        out.emit(segment);
    }

    @Override
    public void onEnd(StageOutput out) throws IOException, Interruption {
        out.sleepUntil(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(delayMs));
        out.end();
    }
}
