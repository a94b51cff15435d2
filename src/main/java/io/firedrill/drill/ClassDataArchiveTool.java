package io.firedrill.drill;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.kafka.KafkaVersion;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.ClassDataSharing;
import io.firedrill.replication.ReplicationEndpoint;
import io.firedrill.replication.MirrorMaker;
import io.firedrill.replication.ReplicationFlow;
import io.firedrill.replication.ReplicationPolicyKind;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Makes the class-data-sharing archive of a Kafka version's child JVMs when it is missing: boots
 * one real broker and one MirrorMaker 2 of that version, each recording the classes it loads
 * while it starts and serves (a topic created, a record produced, fetched and replicated), then
 * dumps the union. The build ({@code mvn package}) does it for the harness's own Kafka; a drill
 * does it for any other version on that version's first use, so its brokers then boot as fast as
 * the harness's own. Never fails: without the archive brokers and MirrorMaker only start slower.
 */
public final class ClassDataArchiveTool {

    private ClassDataArchiveTool() {}

    public static void main(String[] args) {
        if (ClassDataSharing.missingArchive(ChildJvm.defaultClasspath()).isEmpty()) {
            System.out.println("firedrill: class-data-sharing archive is up to date (or disabled)");
            return;
        }
        ensure(KafkaVersion.HARNESS, System.out);
    }

    /** Makes the archive of this version's classpath unless it exists (or archives are disabled). */
    public static void ensure(KafkaVersion version, PrintStream progress) {
        String classpath = KafkaDistribution.of(version).classpath();
        Optional<Path> archive = ClassDataSharing.missingArchive(classpath);
        if (archive.isEmpty()) {
            return;
        }
        progress.println("firedrill: recording the class-data-sharing archive of Kafka " + version + " (once per version) ...");
        try {
            Path brokerClasses = ClassDataSharing.newClassList();
            Path mirrorMakerClasses = ClassDataSharing.newClassList();
            record(version, brokerClasses, mirrorMakerClasses);
            Set<String> union = new LinkedHashSet<>(Files.readAllLines(brokerClasses));
            union.addAll(Files.readAllLines(mirrorMakerClasses));
            Files.write(brokerClasses, union);
            ClassDataSharing.dump(classpath, brokerClasses, archive.get());
            Files.deleteIfExists(brokerClasses);
            Files.deleteIfExists(mirrorMakerClasses);
            progress.println("firedrill: wrote class-data-sharing archive " + archive.get());
        } catch (Exception e) {
            progress.println("firedrill: no class-data-sharing archive (" + e.getMessage() + "); child JVMs start without it");
        }
    }

    private static void record(KafkaVersion version, Path brokerClasses, Path mirrorMakerClasses) throws Exception {
        System.setProperty("firedrill.broker.jvm.options", "-XX:DumpLoadedClassList=" + brokerClasses);
        System.setProperty("firedrill.mirrormaker.jvm.options", "-XX:DumpLoadedClassList=" + mirrorMakerClasses);
        try (KafkaCluster cluster = new ProcessClusterBackend().start(ClusterSpec.of("cds-training", 1).withKafka(version))) {
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
            // one cluster under two aliases: the prefixed policy keeps the copy apart from its source
            ReplicationFlow flow = ReplicationFlow.between(ReplicationEndpoint.of("primary", bootstrap), ReplicationEndpoint.of("backup", bootstrap))
                    .withTopics("training").withPolicy(ReplicationPolicyKind.PREFIXED).withKafka(version);
            MirrorMaker.start(flow).close(); // start returns once the flow's tasks run: their classes are loaded
        } finally {
            System.clearProperty("firedrill.broker.jvm.options");
            System.clearProperty("firedrill.mirrormaker.jvm.options");
        }
    }
}
