package io.firedrill.fault.toxiproxy;

/**
 * Bytes read from a link's source in one go, on their way through the toxics. It remembers how
 * far it has been written or dropped, so that a chunk caught in a toxic that is changed under it
 * is resumed from there through the new chain: nothing is lost, nothing sent twice.
 */
final class Chunk {

    private final byte[] data;
    private final long receivedAt;
    private int done;

    Chunk(byte[] data, long receivedAt) {
        this.data = data;
        this.receivedAt = receivedAt;
    }

    byte[] data() {
        return data;
    }

    int length() {
        return data.length;
    }

    Segment whole() {
        return new Segment(this, 0, data.length, receivedAt);
    }

    /** What is left to pass on, stamped with the original receive time, or null. */
    Segment rest() {
        return done >= data.length ? null : new Segment(this, done, data.length, receivedAt);
    }

    void doneUpTo(int end) {
        done = Math.max(done, end);
    }
}
