package io.firedrill.verify;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Reads topics of a cluster from beginning to end with a plain {@link KafkaConsumer} (assign and
 * seek, no group, read_committed) and feeds every record to a {@link StoredRecordSink}: the
 * checker's view of what is finally stored. The end is each partition's end offset when the read
 * starts; stop the traffic first.
 */
public final class ClusterContentsReader {

    /** What one read covered. */
    /** @param missingTopics topics the cluster does not have: every acknowledged record of theirs is lost there */
    public record Summary(long records, int partitions, long elapsedMs, List<String> missingTopics) {
    }

    private ClusterContentsReader() {
    }

    /**
     * @param clientProperties kafka-clients properties, {@code bootstrap.servers} included (security and the like pass through)
     * @param topics           the physical topic names on this cluster
     * @param timeout          the whole read; a cluster that does not answer or a read that does not finish fails after it
     */
    public static Summary readAll(Map<String, ?> clientProperties, Collection<String> topics, StoredRecordSink sink,
                                  Duration timeout) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "firedrill-checker-reader");
        config.putAll(clientProperties);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        long started = System.nanoTime();
        long deadline = started + timeout.toNanos();
        Object bootstrap = config.get(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config)) {
            List<TopicPartition> partitions = new ArrayList<>();
            List<String> missing = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, remaining(deadline));
                if (infos == null || infos.isEmpty()) {
                    // a topic MirrorMaker never created on the backup (created mid-drill, refreshed too late):
                    // nothing of it survived there, which the checker counts, rather than a drill without a verdict
                    missing.add(topic);
                    continue;
                }
                infos.forEach(info -> partitions.add(new TopicPartition(info.topic(), info.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, remaining(deadline));
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> behind = new HashMap<>();
            for (TopicPartition partition : partitions) {
                if (consumer.position(partition, remaining(deadline)) < ends.get(partition)) {
                    behind.put(partition, ends.get(partition));
                } else {
                    consumer.pause(List.of(partition));
                }
            }
            long records = 0;
            while (!behind.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading " + topics + " on " + bootstrap + " did not finish within "
                            + timeout + " (" + records + " records read); still behind: " + describe(consumer, behind));
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Long end = behind.get(partition);
                    if (end != null && record.offset() < end) {
                        sink.accept(record.topic(), record.partition(), record.offset(), record.key(), record.value());
                        records++;
                    }
                }
                for (var it = behind.entrySet().iterator(); it.hasNext(); ) {
                    var entry = it.next();
                    if (consumer.position(entry.getKey(), remaining(deadline)) >= entry.getValue()) {
                        consumer.pause(List.of(entry.getKey()));
                        it.remove();
                    }
                }
            }
            return new Summary(records, partitions.size(), (System.nanoTime() - started) / 1_000_000, List.copyOf(missing));
        } catch (org.apache.kafka.common.errors.TimeoutException e) {
            throw new IllegalStateException("cluster " + bootstrap + " did not answer the checker's read of " + topics
                    + " within " + timeout + ": " + e.getMessage(), e);
        }
    }

    private static Duration remaining(long deadlineNanos) {
        return Duration.ofNanos(Math.max(1_000_000, deadlineNanos - System.nanoTime()));
    }

    private static String describe(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> behind) {
        return behind.entrySet().stream()
                .map(e -> e.getKey() + " at " + consumer.position(e.getKey(), Duration.ofSeconds(1)) + " of " + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
