package io.firedrill.verify;

/** Where an undecodable record was read (cluster alias, topic, partition, offset) and what is wrong with it. */
public record CorruptedRecord(String cluster, String topic, int partition, long offset, Undecodable.Problem problem) {
}
