package io.firedrill.cluster.process;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.process.ClassDataSharing;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Build-time tool ({@code mvn package}) that makes the brokers' class-data-sharing archive when
 * it is missing: boots one real broker that records every class it loads while it starts, creates
 * a topic and serves a produce and a fetch, then dumps those classes. Never fails the build:
 * without the archive brokers still run, only slower to boot.
 */
public final class BrokerArchiveTool {

    private BrokerArchiveTool() {}

    public static void main(String[] args) {
        String classpath = System.getProperty("firedrill.child.classpath", System.getProperty("java.class.path"));
        Optional<Path> archive = ClassDataSharing.missingArchive(classpath);
        if (archive.isEmpty()) {
            System.out.println("firedrill: broker class-data-sharing archive is up to date (or disabled)");
            return;
        }
        try {
            Path classList = ClassDataSharing.newClassList();
            recordBrokerClasses(classList);
            ClassDataSharing.dump(classpath, classList, archive.get());
            Files.deleteIfExists(classList);
            System.out.println("firedrill: wrote broker class-data-sharing archive " + archive.get());
        } catch (Exception e) {
            System.out.println("firedrill: no class-data-sharing archive (" + e.getMessage() + "); brokers boot without it");
        }
    }

    private static void recordBrokerClasses(Path classList) throws Exception {
        System.setProperty("firedrill.broker.jvm.options", "-XX:DumpLoadedClassList=" + classList);
        try (KafkaCluster cluster = new ProcessClusterBackend().start(ClusterSpec.of("cds-training", 1))) {
            String bootstrap = cluster.bootstrapServers();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("training", 1, (short) 1))).all().get();
            }
            try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap),
                    new ByteArraySerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>("training", new byte[16])).get();
            }
            try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                    "group.id", "training", "auto.offset.reset", "earliest"), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                consumer.assign(List.of(new TopicPartition("training", 0)));
                consumer.poll(Duration.ofSeconds(5));
                consumer.commitSync();
            }
        } finally {
            System.clearProperty("firedrill.broker.jvm.options");
        }
    }
}
