package io.firedrill.verify;

/**
 * One record named in a report: its producer, sequence, key index and send time, and where it
 * was seen ({@code cluster}, {@code partition}, {@code offset}): where it was acked for a lost
 * record, where it was read for a duplicate or a reordered one. Partition -1 and offset -1 when unknown.
 */
public record RecordRef(String producer, int seq, int keyIndex, long sendTimeMs, String cluster, int partition,
                        long offset) {
}
