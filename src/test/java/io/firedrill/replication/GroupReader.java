package io.firedrill.replication;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A consumer group member for tests: reads its topics in the background, commits synchronously
 * after every poll (so a failover translates fresh offsets) and records every value it reads.
 * Stop it before failover: MirrorMaker syncs offsets only to groups that are empty.
 */
final class GroupReader implements AutoCloseable {

    private final String group;

    private final List<String> values = new ArrayList<>();
    private KafkaConsumer<String, String> consumer;
    private Thread poller;
    private volatile boolean running;
    private volatile Exception failure;

    GroupReader(String group) {
        this.group = group;
    }

    /** Joins the group on the cluster and reads until {@link #stop}; resets to the earliest offset where it has none. */
    synchronized GroupReader start(String bootstrap, List<String> topics) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, group,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 200,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000), new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(topics);
        running = true;
        KafkaConsumer<String, String> member = consumer;
        poller = new Thread(() -> {
            try {
                while (running) {
                    var records = member.poll(Duration.ofMillis(100));
                    synchronized (values) {
                        for (ConsumerRecord<String, String> record : records) {
                            values.add(record.value());
                        }
                    }
                    if (!records.isEmpty()) {
                        member.commitSync();
                    }
                }
            } catch (Exception e) {
                failure = e;
            } finally {
                member.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }, "group-reader-" + group);
        poller.start();
        return this;
    }

    /** Leaves the group (the group is empty afterwards) and returns once the member is closed. */
    synchronized void stop() {
        halt();
        if (failure != null) {
            throw new AssertionError("group " + group + " failed", failure);
        }
    }

    /** Stops a member whose cluster died under it: its last commit may have failed, which is expected. */
    synchronized void abandon() {
        halt();
    }

    private void halt() {
        running = false;
        if (poller != null) {
            try {
                poller.join(15_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            poller = null;
        }
    }

    String group() {
        return group;
    }

    List<String> values() {
        synchronized (values) {
            return List.copyOf(values);
        }
    }

    int count() {
        synchronized (values) {
            return values.size();
        }
    }

    @Override
    public void close() {
        halt();
    }
}
