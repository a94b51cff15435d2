package io.firedrill.replication;

import io.firedrill.cluster.KafkaCluster;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;

import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

/**
 * Follows one of MirrorMaker's single-partition topics on a cluster (offset syncs, checkpoints)
 * from its beginning: each {@link #refresh} hands the records appended since the last one to
 * the handler, within a deadline, so a dead cluster fails the call instead of hanging it.
 */
final class TopicTail implements AutoCloseable {

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final String topic;
    private final Consumer<ConsumerRecord<byte[], byte[]>> handler;
    private TopicPartition assigned;
    private long newestTimestamp = -1;

    TopicTail(KafkaCluster cluster, String topic, Duration timeout, Consumer<ConsumerRecord<byte[], byte[]>> handler) {
        this.consumer = KafkaClients.consumer(cluster, "tail-" + topic, timeout);
        this.topic = topic;
        this.handler = handler;
    }

    /** Reads up to the end offset seen at the call; false when the topic does not exist (yet). */
    synchronized boolean refresh(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        if (assigned == null) {
            List<PartitionInfo> partitions = consumer.partitionsFor(topic, timeout);
            if (partitions == null || partitions.isEmpty()) {
                return false;
            }
            assigned = new TopicPartition(topic, 0);
            consumer.assign(List.of(assigned));
            consumer.seekToBeginning(List.of(assigned));
        }
        long end = consumer.endOffsets(List.of(assigned), remaining(deadline)).get(assigned);
        while (consumer.position(assigned, remaining(deadline)) < end) {
            if (System.nanoTime() > deadline) {
                throw new TimeoutException("reading " + topic + " took longer than " + timeout.toMillis() + " ms");
            }
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(50))) {
                newestTimestamp = Math.max(newestTimestamp, record.timestamp());
                handler.accept(record);
            }
        }
        return true;
    }

    /** Timestamp of the newest record read, -1 before the first. */
    synchronized long newestTimestamp() {
        return newestTimestamp;
    }

    private static Duration remaining(long deadline) {
        return Duration.ofNanos(Math.max(1_000_000, deadline - System.nanoTime()));
    }

    @Override
    public synchronized void close() {
        consumer.close(CloseOptions.timeout(Duration.ofSeconds(1)));
    }
}
