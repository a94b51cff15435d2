package io.firedrill.verify;

import java.util.Arrays;

/**
 * A growable bitset over record sequences in pages of {@link ProducerLedger#CHUNK} bits, so it
 * lines up word for word with a producer's chunks. One writer at a time; readers after it stopped.
 */
final class SeqBitSet {
    private static final int WORDS_PER_PAGE = ProducerLedger.CHUNK / Long.SIZE;

    private long[][] pages = new long[0][];

    boolean get(int seq) {
        int page = seq >>> ProducerLedger.CHUNK_BITS;
        return page < pages.length && pages[page] != null
                && (pages[page][(seq & ProducerLedger.CHUNK_MASK) >>> 6] & (1L << seq)) != 0;
    }

    /** Sets the bit and returns whether it was already set. */
    boolean getAndSet(int seq) {
        long[] page = page(seq >>> ProducerLedger.CHUNK_BITS);
        int word = (seq & ProducerLedger.CHUNK_MASK) >>> 6;
        long mask = 1L << seq;
        long old = page[word];
        page[word] = old | mask;
        return (old & mask) != 0;
    }

    /** The 64 bits of sequences {@code 64*wordIndex .. 64*wordIndex+63}. */
    long word(int wordIndex) {
        int page = wordIndex / WORDS_PER_PAGE;
        return page < pages.length && pages[page] != null ? pages[page][wordIndex % WORDS_PER_PAGE] : 0L;
    }

    long cardinality() {
        long count = 0;
        for (long[] page : pages) {
            if (page != null) {
                for (long word : page) {
                    count += Long.bitCount(word);
                }
            }
        }
        return count;
    }

    long retainedBytes() {
        return retainedBytes(pages);
    }

    /** Heap bytes of a page directory and its pages (array headers counted as 16 bytes). */
    static long retainedBytes(long[][] pages) {
        long bytes = 16L + 8L * pages.length;
        for (long[] page : pages) {
            if (page != null) {
                bytes += 16L + 8L * page.length;
            }
        }
        return bytes;
    }

    private long[] page(int index) {
        if (index >= pages.length) {
            pages = Arrays.copyOf(pages, Math.max(index + 1, pages.length * 2));
        }
        long[] page = pages[index];
        if (page == null) {
            page = new long[WORDS_PER_PAGE];
            pages[index] = page;
        }
        return page;
    }
}
