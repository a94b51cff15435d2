package io.firedrill.cluster;

import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.drill.DrillListener;
import io.firedrill.drill.DrillOptions;
import io.firedrill.drill.DrillResult;
import io.firedrill.drill.DrillRunner;
import io.firedrill.fault.HostFaultSupport;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.LogFiles;
import io.firedrill.process.MountProbe;
import io.firedrill.process.Mounts;
import io.firedrill.scenario.FaultType;
import io.firedrill.scenario.ScenarioParser;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Power, disk and clock faults on real brokers: each lands (the broker's own log says so), heals,
 * and what it cost is counted; no mount outlives a cluster, nor a SIGKILLed harness.
 */
class StorageFaultsIT {

    private static final String TOPIC = "orders";
    private KafkaCluster cluster;

    @AfterEach
    void closeAndCheckNothingIsLeftMounted() {
        if (cluster != null) {
            cluster.close();
        }
        assertThat(Mounts.mounted()).as("mounts this harness still holds").isEmpty();
        assertThat(Mounts.firedrillMounts()).as("Firedrill mounts of this harness in /proc/mounts")
                .noneMatch(entry -> entry.ownerPid().equals(Long.toString(ProcessHandle.current().pid())));
    }

    @Test
    void aPowerLossTakesEveryUnflushedRecordOfTheBrokerAndItRestartsOnWhatIsLeft() throws Exception {
        cluster = new ProcessClusterBackend().start(ClusterSpec.of("power", 1));
        String bootstrap = cluster.bootstrapServers();
        TestClients.createTopic(bootstrap, TOPIC, 3, 1, Map.of());
        assertThat(TestClients.produce(bootstrap, TOPIC, "acked-", 3_000, "1")).isEqualTo(3_000);

        UnflushedLoss loss = cluster.broker(0).powerOff();
        cluster.broker(0).start();

        System.out.println("power loss: " + loss.describe());
        // a fresh topic never rolled a segment: nothing of it was flushed, all 3,000 acked records go
        assertThat(loss.records()).isGreaterThanOrEqualTo(3_000);
        assertThat(loss.partitionsCut()).isGreaterThanOrEqualTo(3);
        assertThat(TestClients.readAll(bootstrap, TOPIC)).isEmpty();
        assertThat(String.join("\n", cluster.broker(0).logTail(400)))
                .as("the broker recovered its cut segments itself").containsIgnoringCase("index");
        assertThat(TestClients.produce(bootstrap, TOPIC, "after-", 100, "all")).isEqualTo(100);
    }

    @Test
    void withAcksAllOnThreeReplicasAPowerLossOfOneBrokerLosesNothingTheCheckerCanFind() {
        DrillResult result = drill("power-loss-acks-all");

        assertThat(result.verdict()).as("verdict (error: %s, failures %s)", result.error(), result.failures())
                .isEqualTo(DrillResult.Verdict.PASS);
        assertThat(result.records().acked()).isGreaterThan(3_000);
        assertThat(result.records().lostAcked()).isZero();
        assertThat(powerLossNotes(result)).contains("primary/broker-0:", "unflushed record(s)");
    }

    @Test
    void withAcksOneOnOneReplicaThePowerLossLosesAcknowledgedRecordsAndTheCheckerCountsThem() {
        DrillResult result = drill("power-loss-acks-1");

        assertThat(result.verdict()).as("verdict (error: %s)", result.error()).isEqualTo(DrillResult.Verdict.FAIL);
        assertThat(result.failures()).extracting(DrillResult.ExpectationFailure::expectation).contains("lost-acked-records");
        // 300 records/s for the 5 s before the cut, and whatever the seconds of waiting for replication added
        assertThat(result.records().lostAcked()).isGreaterThan(1_000);
        assertThat(powerLossNotes(result)).contains("primary/broker-0:");
    }

    /** Five brokers on two cores: nightly. */
    @Test
    @EnabledIfSystemProperty(named = "firedrill.drill.tags", matches = "all")
    void anUncleanElectionLosesExactlyWhatTheLeaderAcknowledgedAloneAndTheCheckerCountsIt() {
        DrillResult result = drill("unclean-election");

        assertThat(result.verdict()).as("verdict (error: %s)", result.error()).isEqualTo(DrillResult.Verdict.FAIL);
        // the step's own count of acknowledgements while broker-0 held the partitions alone (step 4)
        String alone = result.steps().get(3).result();
        long acknowledgedAlone = Long.parseLong(alone.replaceAll("^(\\d+) records acknowledged.*$", "$1"));
        assertThat(acknowledgedAlone).isGreaterThan(500);
        assertThat(result.records().lostAcked()).as("lost vs acknowledged by the leader alone (%s)", alone)
                .isEqualTo(acknowledgedAlone);
    }

    @Test
    void aFullDiskStopsTheBrokerAndFreeingTheSpaceBringsItBack() throws Exception {
        assumeHostCarries(FaultType.DISK_FULL);
        cluster = new ProcessClusterBackend().start(ClusterSpec.of("diskfull", 1).withDiskCap(64));
        String bootstrap = cluster.bootstrapServers();
        TestClients.createTopic(bootstrap, TOPIC, 1, 1, Map.of());
        assertThat(TestClients.produce(bootstrap, TOPIC, "before-", 100, "1")).isEqualTo(100);
        KafkaBroker broker = cluster.broker(0);
        long logStart = LogFiles.size(broker.logFile());

        broker.fillDisk();

        assertThatThrownBy(() -> produceWithin(bootstrap, Duration.ofSeconds(8)))
                .as("produces onto the full disk").isInstanceOf(ExecutionException.class);
        await("the broker gives up its full log directory").atMost(Duration.ofSeconds(30))
                .until(() -> LogFiles.contains(broker.logFile(), logStart, "No space left on device"));

        broker.freeDisk();

        assertThat(TestClients.produce(bootstrap, TOPIC, "after-", 100, "1")).isEqualTo(100);
        assertThat(TestClients.readAll(bootstrap, TOPIC)).contains("before-0", "before-99", "after-99");
    }

    @Test
    void aFailedLogDirectoryIsTakenOfflineByTheBrokerAndReplacedEmpty() throws Exception {
        assumeHostCarries(FaultType.LOG_DIR_FAILURE);
        cluster = new ProcessClusterBackend().start(ClusterSpec.of("logdir", 3).withDiskCap(64));
        String bootstrap = cluster.bootstrapServers();
        TestClients.createTopic(bootstrap, TOPIC, 3, 3, Map.of("min.insync.replicas", "2"));
        assertThat(TestClients.produce(bootstrap, TOPIC, "before-", 300, "all")).isEqualTo(300);
        KafkaBroker broker = cluster.broker(1);
        long logStart = LogFiles.size(broker.logFile());

        broker.failLogDir();

        await("Kafka takes the failed directory offline").atMost(Duration.ofSeconds(30))
                .until(() -> LogFiles.contains(broker.logFile(), logStart, "Stopping serving logs in dir"));
        assertThat(TestClients.produce(bootstrap, TOPIC, "during-", 300, "all")).as("RF 3 carries on").isEqualTo(300);

        broker.replaceLogDir();

        assertThat(TestClients.produce(bootstrap, TOPIC, "after-", 300, "all")).isEqualTo(300);
        assertThat(TestClients.readAll(bootstrap, TOPIC)).hasSize(900);
    }

    @Test
    void aSkewedBrokerStampsRecordsWithItsOwnClockUntilHealed() throws Exception {
        assumeHostCarries(FaultType.CLOCK_SKEW);
        cluster = new ProcessClusterBackend().start(ClusterSpec.of("clock", 1));
        String bootstrap = cluster.bootstrapServers();
        // the broker, not the producer, stamps each record: its clock shows in every timestamp
        TestClients.createTopic(bootstrap, TOPIC, 1, 1, Map.of("message.timestamp.type", "LogAppendTime"));
        Duration offset = Duration.ofHours(1);

        cluster.broker(0).restartWithClockOffset(offset);
        TestClients.produce(bootstrap, TOPIC, "skewed-", 1, "1");
        long skewedStamp = lastTimestamp(bootstrap) - System.currentTimeMillis();

        cluster.broker(0).restartWithClockOffset(Duration.ZERO);
        TestClients.produce(bootstrap, TOPIC, "real-", 1, "1");
        long realStamp = lastTimestamp(bootstrap) - System.currentTimeMillis();

        System.out.println("record timestamp minus now: skewed " + skewedStamp + " ms, healed " + realStamp + " ms");
        assertThat(skewedStamp).isBetween(offset.toMillis() - 60_000, offset.toMillis() + 1_000);
        assertThat(realStamp).isBetween(-60_000L, 1_000L);
    }

    @Test
    void aMountOfASigkilledHarnessIsUnmountedByTheNextRun() throws Exception {
        assumeHostCarries(FaultType.DISK_FULL);
        Path log = Files.createTempFile("mount-probe", ".log");
        ChildJvm harness = probe("mount", log);
        String mountPoint;
        try {
            await("probe harness mounts").atMost(Duration.ofSeconds(60))
                    .until(() -> !harness.isAlive() || LogFiles.contains(log, 0, "MOUNTED="));
            mountPoint = Files.readAllLines(log).stream().filter(line -> line.startsWith("MOUNTED="))
                    .findFirst().orElseThrow(() -> new AssertionError("probe log:\n" + String.join("\n", harness.logTail(30))))
                    .substring("MOUNTED=".length());
            harness.kill();
        } finally {
            harness.close();
        }
        assertThat(Mounts.firedrillMounts()).as("a SIGKILLed harness cannot unmount").extracting(Mounts.MountEntry::mountPoint)
                .contains(mountPoint);

        ChildJvm next = probe("next", log);
        assertThat(next.awaitExit(Duration.ofSeconds(60))).isTrue();

        assertThat(Mounts.firedrillMounts()).as("the next run cleaned it").extracting(Mounts.MountEntry::mountPoint)
                .doesNotContain(mountPoint);
        assertThat(losetup()).as("no loop device is ever used").doesNotContain("firedrill");
    }

    /** A stand-in harness JVM on the test classpath (the default child classpath has no test classes). */
    private static ChildJvm probe(String mode, Path log) {
        return ChildJvm.builder("mount-probe-" + mode, MountProbe.class.getName())
                .classpath(System.getProperty("java.class.path"))
                .args(List.of(mode))
                .jvmOptions(List.of("-Xmx64m", "-XX:TieredStopAtLevel=1"))
                .log(log)
                .start();
    }

    private static DrillResult drill(String name) {
        DrillResult result = new DrillRunner(DrillOptions.defaults())
                .run(ScenarioParser.load(Path.of("scenarios", name + ".yaml")), DrillListener.SILENT);
        result.steps().forEach(step -> System.out.printf("%s step %d %s %s: %s | %s%n", name, step.index(), step.action(),
                step.outcome(), step.result(), step.notes()));
        System.out.println(name + ": " + result.verdict() + ", records " + result.records() + ", failures " + result.failures());
        return result;
    }

    private static String powerLossNotes(DrillResult result) {
        return result.steps().stream().filter(step -> step.action().contains("power-loss"))
                .map(DrillResult.StepRecord::notes).findFirst().orElse("");
    }

    private static void assumeHostCarries(FaultType type) {
        assumeThat(HostFaultSupport.missing(type)).as("this machine cannot inject %s", type.keyword()).isEmpty();
    }

    /**
     * 1,000 acks=1 sends of 1 KB that must all be acknowledged within {@code timeout}: more than
     * the free end of the segment's last page, which a full tmpfs still takes.
     */
    private static void produceWithin(String bootstrap, Duration timeout) throws Exception {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "1",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis() - 1_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeout.toMillis());
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            String value = "x".repeat(1024);
            List<Future<RecordMetadata>> sends = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                sends.add(producer.send(new ProducerRecord<>(TOPIC, "key", value)));
            }
            for (Future<RecordMetadata> send : sends) {
                send.get(timeout.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            }
        }
    }

    /** The timestamp of the newest record of the single-partition topic. */
    private static long lastTimestamp(String bootstrap) {
        Map<String, Object> config = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(TOPIC, 0);
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), Duration.ofSeconds(30)).get(partition);
            consumer.seek(partition, end - 1);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    return record.timestamp();
                }
            }
            throw new AssertionError("no record at offset " + (end - 1) + " of " + TOPIC);
        }
    }

    private static String losetup() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("losetup", "-a").redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        return output;
    }
}
