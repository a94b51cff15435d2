package io.firedrill.fault.toxiproxy;

/**
 * A slice of a chunk flowing through the toxics, with the time that Toxiproxy's latency is
 * measured from (each latency toxic moves it on by the delay it added).
 */
record Segment(Chunk chunk, int from, int to, long timestamp) {

    int length() {
        return to - from;
    }

    /** The bytes from {@code start} to {@code end}, relative to this segment. */
    Segment slice(int start, int end) {
        return new Segment(chunk, from + start, from + end, timestamp);
    }

    Segment withTimestamp(long newTimestamp) {
        return new Segment(chunk, from, to, newTimestamp);
    }
}
