package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's bandwidth toxic: {@code rate} KB/s (1 KB = 1000 bytes). Each chunk is charged
 * {@code bytes / rate} ms; chunks bigger than 100 ms worth go out in 100 ms slices. Oversleeping
 * is credited to the next chunk. A rate of 0 lets nothing through until the toxic changes.
 */
final class BandwidthStage implements Stage {

    private static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final long rate;
    private long debtNanos;

    BandwidthStage(long rate) {
        this.rate = Math.min(rate, Integer.MAX_VALUE / 100);
    }

    @Override
    public void onData(Segment segment, StageOutput out) throws IOException, Interruption {
        if (rate <= 0) {
            out.sleepUntil(NO_DEADLINE);
            return;
        }
        try {
            debtNanos += segment.length() * 1_000_000L / rate;
            int sliceBytes = (int) (rate * 100);
            Segment rest = segment;
            while (rest.length() > sliceBytes) {
                out.sleepUntil(System.nanoTime() + SLICE_NANOS);
                out.emit(rest.slice(0, sliceBytes));
                rest = rest.slice(sliceBytes, rest.length());
                debtNanos -= SLICE_NANOS;
            }
            long start = System.nanoTime();
            out.sleepUntil(start + debtNanos);
            debtNanos -= System.nanoTime() - start;
            out.emit(rest);
        } catch (Interruption e) {
            debtNanos = 0;
            throw e;
        }
    }
}
