package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's bandwidth toxic: at most {@code rate} KB/s (1 KB = 1000 bytes), each chunk leaving
 * once its bytes have had their time, chunks bigger than 100 ms worth in 100 ms slices. Unlike
 * Toxiproxy, which sleeps each chunk's share and so loses the time spent outside its sleeps, the
 * pace follows an absolute schedule, so the rate holds on a busy machine: a chunk's time starts
 * when the link is free, or when the chunk arrived if the link sat idle for more than
 * {@value #IDLE_GAP_MILLIS} ms (so an idle link earns no burst, and a small message after a pause
 * is held for its own transmission time as in Toxiproxy). A rate of 0 lets nothing through until
 * the toxic changes.
 */
final class BandwidthStage implements Stage {

    /** Shorter gaps are a busy machine being late, not an idle link, and do not reset the schedule. */
    private static final long IDLE_GAP_MILLIS = 20;
    private static final long IDLE_GAP_NANOS = TimeUnit.MILLISECONDS.toNanos(IDLE_GAP_MILLIS);

    private final long rate;
    private long nextFree = System.nanoTime();

    BandwidthStage(long rate) {
        this.rate = Math.min(rate, Integer.MAX_VALUE / 100);
    }

    @Override
    public void onData(Segment segment, StageOutput out) throws IOException, Interruption {
        if (rate <= 0) {
            out.sleepUntil(NO_DEADLINE);
            return;
        }
        if (segment.timestamp() - nextFree > IDLE_GAP_NANOS) {
            nextFree = segment.timestamp();
        }
        int sliceBytes = (int) (rate * 100);
        Segment rest = segment;
        while (rest.length() > 0) {
            int length = Math.min(sliceBytes, rest.length());
            long due = nextFree + length * 1_000_000L / rate;
            out.sleepUntil(due);
            out.emit(rest.slice(0, length));
            nextFree = due;
            rest = rest.slice(length, rest.length());
        }
    }
}
