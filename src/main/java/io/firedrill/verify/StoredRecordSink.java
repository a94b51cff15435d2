package io.firedrill.verify;

/**
 * Receives the records stored on a cluster, one call per record; {@link ClusterContentsReader}
 * feeds it from Kafka, tests and benchmarks feed it directly.
 */
@FunctionalInterface
public interface StoredRecordSink {
    void accept(String topic, int partition, long offset, byte[] key, byte[] value);
}
