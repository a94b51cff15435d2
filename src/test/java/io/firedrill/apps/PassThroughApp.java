package io.firedrill.apps;

import org.apache.kafka.clients.consumer.CommitFailedException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference application of README's "Your application in a drill": a plain
 * consume-copy-produce service, at least once (it commits its input offsets only after its
 * output is acknowledged; a commit the group refuses only means those records come again). It
 * reads its settings the way the drill hands them over, from {@code FIREDRILL_BOOTSTRAP_SERVERS},
 * {@code FIREDRILL_INPUT_TOPIC}, {@code FIREDRILL_OUTPUT_TOPIC} and {@code FIREDRILL_GROUP}, and any
 * client property as {@code FIREDRILL_KAFKA_<NAME>} (see {@link AppSettings}), e.g.
 * {@code FIREDRILL_KAFKA_METADATA_RECOVERY_STRATEGY=none} for a service without rebootstrap.
 * {@code --drop-every N} makes it a broken application that silently drops every Nth record,
 * which a drill must catch.
 */
public final class PassThroughApp {

    private PassThroughApp() {
    }

    public static void main(String[] args) {
        int dropEvery = args.length == 2 && args[0].equals("--drop-every") ? Integer.parseInt(args[1]) : 0;
        String bootstrap = AppSettings.required("FIREDRILL_BOOTSTRAP_SERVERS");
        String input = AppSettings.required("FIREDRILL_INPUT_TOPIC");
        String output = AppSettings.required("FIREDRILL_OUTPUT_TOPIC");
        Map<String, Object> overrides = AppSettings.kafkaOverrides(System.getenv());
        Map<String, Object> consumerConfig = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.GROUP_ID_CONFIG, AppSettings.required("FIREDRILL_GROUP"),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                // the broker's minimum: a killed instance's partitions come back within seconds
                ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, 6_000,
                ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, 1_000));
        Map<String, Object> producerConfig = new HashMap<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 0));
        // each client takes the properties it knows; the other's are only logged as unused
        consumerConfig.putAll(overrides);
        producerConfig.putAll(overrides);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(),
                     new ByteArraySerializer())) {
            Thread main = Thread.currentThread();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                consumer.wakeup();
                try {
                    main.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            consumer.subscribe(List.of(input));
            System.out.println("pass-through " + input + " -> " + output + " on " + bootstrap
                    + (overrides.isEmpty() ? "" : ", overrides " + overrides)
                    + (dropEvery > 0 ? ", dropping every " + dropEvery + "th record" : ""));
            long seen = 0;
            while (true) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(200));
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    if (dropEvery > 0 && ++seen % dropEvery == 0) {
                        continue;
                    }
                    producer.send(new ProducerRecord<>(output, record.key(), record.value()));
                }
                if (!records.isEmpty()) {
                    producer.flush(); // output acknowledged before the input counts as done
                    try {
                        consumer.commitSync();
                    } catch (CommitFailedException | RebalanceInProgressException e) {
                        // the group moved on without this member (a rebalance, or a flipped address
                        // reaching a coordinator that never knew it): the next poll rejoins, and the
                        // uncommitted records come again, as at least once allows
                        System.out.println("commit refused, rejoining: " + e.getMessage());
                    }
                }
            }
        } catch (WakeupException e) {
            System.out.println("pass-through stopped");
        }
    }
}
