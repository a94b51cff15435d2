package io.firedrill.apps;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Kafka Streams reference application of README's "Your application in a drill": the identity
 * topology input → output (key, value and headers unchanged), stateless. Its {@code application.id}
 * is {@code FIREDRILL_GROUP}, which is also its consumer group, so the drill translates its
 * offsets at failover like any group's. Settings come from the environment like
 * {@link PassThroughApp}'s, any Streams or client property as {@code FIREDRILL_KAFKA_<NAME>}
 * (see {@link AppSettings}).
 *
 * <p>At least once by default ({@code processing.guarantee=at_least_once}): after a kill or a
 * failover it re-processes what it had not committed, and the drill counts those duplicates.
 * {@code FIREDRILL_KAFKA_PROCESSING_GUARANTEE=exactly_once_v2} makes each poll's output and offsets
 * one transaction: a kill or restart on one cluster then leaves no duplicate visible to a
 * read_committed reader (the harness reads that way), but a failover still does, since the
 * offsets the backup resumes from are MirrorMaker 2's translation, not part of any transaction.
 */
public final class StreamsPassThroughApp {

    private StreamsPassThroughApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        String input = AppSettings.required("FIREDRILL_INPUT_TOPIC");
        String output = AppSettings.required("FIREDRILL_OUTPUT_TOPIC");
        Map<String, Object> config = new HashMap<>();
        config.put(StreamsConfig.APPLICATION_ID_CONFIG, AppSettings.required("FIREDRILL_GROUP"));
        config.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, AppSettings.required("FIREDRILL_BOOTSTRAP_SERVERS"));
        config.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE);
        // Streams commits every 30 s by default: a killed instance would re-process up to 30 s of input
        config.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 1_000);
        // the broker's minimum, as PassThroughApp: a killed instance's partitions come back within seconds
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), 6_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 1_000);
        config.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        Map<String, Object> overrides = AppSettings.kafkaOverrides(System.getenv());
        config.putAll(overrides);
        Properties properties = new Properties();
        properties.putAll(config);

        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(input, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        CountDownLatch stopped = new CountDownLatch(1);
        KafkaStreams streams = new KafkaStreams(builder.build(), properties);
        // a stream thread that dies (its cluster gone past a timeout) is replaced, as a service
        // meant to outlive a failover would configure it; the default would shut the whole client down
        streams.setUncaughtExceptionHandler(error -> {
            System.out.println("stream thread failed, replacing it: " + error);
            return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        streams.setStateListener((now, before) -> {
            System.out.println("streams " + before + " -> " + now);
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        AtomicBoolean terminating = new AtomicBoolean();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            terminating.set(true);
            streams.close(Duration.ofSeconds(5));
        }));
        System.out.println("streams pass-through " + input + " -> " + output + " as " + config.get(StreamsConfig.APPLICATION_ID_CONFIG)
                + " on " + config.get(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG) + ", " + config.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)
                + (overrides.isEmpty() ? "" : ", overrides " + overrides));
        streams.start();
        stopped.await();
        if (!terminating.get()) {
            // stopped without SIGTERM (a fatal error): exit non-zero, the drill's log shows the process ended
            System.exit(1);
        }
    }
}
