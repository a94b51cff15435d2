package io.firedrill.scenario;

import java.util.Objects;

/**
 * A producer writing {@code rate} records/s of {@code recordSize} bytes over {@code keys}
 * distinct keys to {@code topic}. Idempotence follows Kafka's rule: on by default with
 * {@code acks: all}, off by default otherwise. {@code transactional} is a Firedrill extension, and
 * so is {@code abortEvery}: every so many transactions the producer aborts on purpose (0: never), so
 * a drill has aborted records for the checker to look for (aborted reads).
 */
public record ProducerSpec(String topic, int rate, int keys, int recordSize, Acks acks, boolean idempotent,
                           boolean transactional, int abortEvery) {

    public static final int DEFAULT_RATE = 200;
    public static final int DEFAULT_KEYS = 100;
    public static final int DEFAULT_RECORD_SIZE = 256;

    public ProducerSpec {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(acks, "acks");
    }
}
