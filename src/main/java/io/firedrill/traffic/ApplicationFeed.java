package io.firedrill.traffic;

import io.firedrill.verify.PassThroughLedger;
import io.firedrill.verify.PassThroughRecord;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The harness's side of one application under drill: a paced producer writing ledgered
 * {@link PassThroughRecord}s to its input topic and a reader of its output topic, both on the
 * harness's own unfaulted path to the active cluster, so a fault on the clients' path hurts only
 * the application. {@link #repoint} moves both to another cluster.
 */
public final class ApplicationFeed implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(100);

    private final String input;
    private final String output;
    private final int rate;
    private final PassThroughLedger ledger;
    private volatile Clients clients;
    private volatile boolean producing = true;
    private volatile boolean closed;
    private final Thread producer;
    private final Thread reader;

    /** The clients on one cluster; replaced whole on a repoint. */
    private record Clients(KafkaProducer<byte[], byte[]> producer, KafkaConsumer<byte[], byte[]> consumer) {
    }

    private ApplicationFeed(String name, String input, String output, int rate, PassThroughLedger ledger) {
        this.input = input;
        this.output = output;
        this.rate = rate;
        this.ledger = ledger;
        this.producer = new Thread(this::produce, "firedrill-feed-" + name);
        this.reader = new Thread(this::read, "firedrill-output-" + name);
        producer.setDaemon(true);
        reader.setDaemon(true);
    }

    /**
     * Starts feeding {@code input} at {@code rate} records/s and reading {@code output} from its
     * beginning on the cluster at {@code clientProperties} (bootstrap and security included).
     */
    public static ApplicationFeed start(String name, String input, String output, int rate, PassThroughLedger ledger,
                                        Map<String, Object> clientProperties) {
        ApplicationFeed feed = new ApplicationFeed(name, input, output, rate, ledger);
        feed.clients = feed.connect(clientProperties, false);
        feed.producer.start();
        feed.reader.start();
        return feed;
    }

    /**
     * Moves the feed to another cluster. The reader starts at the output's end there: what is
     * already on it was mirrored from the old cluster, and the reader saw those records there.
     */
    public synchronized void repoint(Map<String, Object> clientProperties) {
        Clients old = clients;
        clients = connect(clientProperties, true);
        old.consumer().wakeup(); // the reader thread closes it
        // sends still in flight to a lost cluster stay unacknowledged: unknown, never counted as lost
        old.producer().close(Duration.ZERO);
    }

    /** Producers stop; the reader goes on so the application's last output is still seen. */
    public void stopProducing() {
        producing = false;
        try {
            producer.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.producer().flush();
    }

    @Override
    public void close() {
        closed = true;
        producing = false;
        clients.consumer().wakeup();
        try {
            producer.join(5_000);
            reader.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        clients.producer().close(Duration.ZERO);
    }

    private Clients connect(Map<String, Object> clientProperties, boolean fromEnd) {
        Map<String, Object> producerConfig = new HashMap<>(clientProperties);
        producerConfig.put(ProducerConfig.ACKS_CONFIG, "all");
        producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        producerConfig.put(ProducerConfig.LINGER_MS_CONFIG, 0);
        producerConfig.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        producerConfig.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        producerConfig.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        Map<String, Object> consumerConfig = new HashMap<>(clientProperties);
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromEnd ? "latest" : "earliest");
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        List<PartitionInfo> partitions = consumer.partitionsFor(output, Duration.ofSeconds(10));
        List<TopicPartition> assigned = partitions.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        if (fromEnd) {
            consumer.seekToEnd(assigned);
        } else {
            consumer.seekToBeginning(assigned);
        }
        assigned.forEach(consumer::position); // resolve now, before the application writes there
        return new Clients(new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer()), consumer);
    }

    private void produce() {
        long intervalNanos = 1_000_000_000L / rate;
        long next = System.nanoTime();
        while (producing) {
            long wait = next - System.nanoTime();
            if (wait > 0) {
                try {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                } catch (InterruptedException e) {
                    return;
                }
            }
            next += intervalNanos;
            send();
        }
    }

    private void send() {
        long now = System.currentTimeMillis();
        long seq = ledger.sent(now);
        try {
            clients.producer().send(new ProducerRecord<>(input, PassThroughRecord.key(seq),
                    PassThroughRecord.value(ledger.runId(), seq, now)), (metadata, error) -> {
                if (error == null) {
                    ledger.acked(seq);
                }
            });
        } catch (RuntimeException e) {
            // a closed or blocked producer (its cluster is gone): the send's outcome is unknown
        }
    }

    private void read() {
        KafkaConsumer<byte[], byte[]> current = clients.consumer();
        while (!closed) {
            KafkaConsumer<byte[], byte[]> latest = clients.consumer();
            if (latest != current) { // repointed: only this thread may close the consumer it polled
                current.close(CloseOptions.timeout(Duration.ZERO));
                current = latest;
            }
            try {
                for (ConsumerRecord<byte[], byte[]> record : current.poll(POLL)) {
                    ledger.output(PassThroughRecord.read(ledger.runId(), record.key(), record.value()), System.currentTimeMillis());
                }
            } catch (WakeupException e) {
                // repointed or closing: the loop takes the new consumer or ends
            } catch (RuntimeException e) {
                // a lost cluster: keep polling until repointed
                sleepQuietly();
            }
        }
        current.close(CloseOptions.timeout(Duration.ZERO));
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
