package io.firedrill.verify;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import java.util.OptionalLong;

/**
 * The milliseconds in which something happened (a record acked on a cluster, a record processed
 * from it), one bit per millisecond since the ledger's origin: an hour costs 450 KB whatever the
 * record rate, and "the first ack on the backup after the disaster" is a scan for the next set bit.
 * Any number of writers; readers at any time.
 */
final class ActivityTimeline {
    private static final int PAGE_BITS = 16;
    private static final int WORDS_PER_PAGE = (1 << PAGE_BITS) / Long.SIZE;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    private final long originMs;
    private volatile long[][] pages = new long[0][];

    ActivityTimeline(long originMs) {
        this.originMs = originMs;
    }

    void mark(long atMs) {
        long bit = Math.max(0, atMs - originMs);
        if (bit > Integer.MAX_VALUE) {
            return; // beyond the 24 days a ledger spans
        }
        long[] page = page((int) (bit >>> PAGE_BITS));
        int word = (int) ((bit & ((1 << PAGE_BITS) - 1)) >>> 6);
        long mask = 1L << bit;
        if (((long) WORDS.getAcquire(page, word) & mask) == 0) {
            WORDS.getAndBitwiseOr(page, word, mask);
        }
    }

    /** The first marked millisecond at or after {@code atMs}, as epoch milliseconds. */
    OptionalLong firstAtOrAfter(long atMs) {
        long from = Math.max(0, atMs - originMs);
        long[][] snapshot = pages;
        for (int p = (int) (from >>> PAGE_BITS); p < snapshot.length; p++) {
            long[] page = snapshot[p];
            if (page == null) {
                continue;
            }
            long pageStart = (long) p << PAGE_BITS;
            for (int w = 0; w < WORDS_PER_PAGE; w++) {
                long wordStart = pageStart + 64L * w;
                if (wordStart + 64 <= from) {
                    continue;
                }
                long bits = (long) WORDS.getAcquire(page, w);
                if (wordStart < from) {
                    bits &= -1L << (from - wordStart);
                }
                if (bits != 0) {
                    return OptionalLong.of(originMs + wordStart + Long.numberOfTrailingZeros(bits));
                }
            }
        }
        return OptionalLong.empty();
    }

    long retainedBytes() {
        return SeqBitSet.retainedBytes(pages);
    }

    private long[] page(int index) {
        long[][] snapshot = pages;
        if (index < snapshot.length && snapshot[index] != null) {
            return snapshot[index];
        }
        synchronized (this) {
            long[][] grown = pages;
            if (index >= grown.length) {
                grown = Arrays.copyOf(grown, Math.max(index + 1, grown.length * 2));
            } else if (grown[index] != null) {
                return grown[index];
            } else {
                grown = grown.clone();
            }
            grown[index] = new long[WORDS_PER_PAGE];
            pages = grown;
            return grown[index];
        }
    }
}
