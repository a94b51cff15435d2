package io.firedrill.cluster;

/**
 * What a power loss took from one broker's log: the partitions cut back to their last flush, the
 * records and bytes that were written (and possibly acknowledged) but never flushed.
 */
public record UnflushedLoss(String broker, int partitionsCut, long records, long bytes) {

    public String describe() {
        return broker + ": " + partitionsCut + " partition(s) cut back to their last flush, " + records
                + " unflushed record(s) (" + bytes + " bytes) gone";
    }
}
