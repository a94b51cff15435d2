package io.firedrill.replication;

/**
 * Replication lag of one source partition.
 *
 * @param sourceEndOffset  the source's end offset at the sample
 * @param replicatedOffset the source offset after the last record known to be on the target
 * @param lagRecords       records on the source not yet on the target
 * @param lagMs            age of the oldest of them (0 when none), from its CreateTime
 */
public record PartitionLag(String topic, int partition, String targetTopic, long sourceEndOffset,
                           long replicatedOffset, long lagRecords, long lagMs) {}
