package io.firedrill.fault.toxiproxy;

import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * Toxiproxy's slicer toxic: each chunk is cut, by repeated halving, into pieces of about
 * {@code average_size ± size_variation} bytes, with {@code delay} µs after each piece.
 */
final class SlicerStage implements Stage {

    private final long averageSize;
    private final long sizeVariation;
    private final long delayNanos;

    SlicerStage(long averageSize, long sizeVariation, long delayMicros) {
        this.averageSize = averageSize;
        this.sizeVariation = Math.min(sizeVariation, Integer.MAX_VALUE / 2);
        this.delayNanos = TimeUnit.MICROSECONDS.toNanos(delayMicros);
    }

    @Override
    public void onData(Segment segment, StageOutput out) throws IOException, Interruption {
        int[] bounds = cut(segment.length());
        for (int i = 0; i + 1 < bounds.length; i++) {
            out.emit(segment.slice(bounds[i], bounds[i + 1]));
            out.sleepUntil(System.nanoTime() + delayNanos);
        }
    }

    /** Piece boundaries 0 = b0 < b1 < ... < bn = length. */
    int[] cut(int length) {
        Bounds bounds = new Bounds();
        bounds.add(0);
        cut(0, length, bounds);
        return bounds.toArray();
    }

    private void cut(int start, int end, Bounds bounds) {
        // Toxiproxy recurses forever (and crashes) on pieces it cannot shrink; one byte is the floor.
        if ((end - start) - averageSize <= sizeVariation || end - start <= 1) {
            bounds.add(end);
            return;
        }
        int mid = start + (end - start) / 2;
        if (sizeVariation > 0) {
            mid += (int) (ThreadLocalRandom.current().nextLong(sizeVariation * 2) - sizeVariation);
            mid = Math.max(start + 1, Math.min(end - 1, mid));
        }
        cut(start, mid, bounds);
        cut(mid, end, bounds);
    }

    private static final class Bounds {
        private int[] values = new int[16];
        private int size;

        void add(int value) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = value;
        }

        int[] toArray() {
            return Arrays.copyOf(values, size);
        }
    }
}
