package io.firedrill.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.ChildProcesses;
import io.firedrill.process.LogFiles;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The CLI as scripts run it: a real process, its exit code, its files, its children gone after it. */
class DrillCliIT {

    @TempDir
    Path reports;

    @Test
    void aDrillWithAnImpossibleBoundExits1AndNamesTheBound() throws Exception {
        ChildJvm drill = cli("run", "src/test/resources/cli-drills/too-strict.yaml", "--reports", reports.toString());
        assertThat(drill.awaitExit(Duration.ofMinutes(5))).as("drill run finished; log:%n%s", tail(drill)).isTrue();

        assertThat(drill.exitValue()).as("exit code; log:%n%s", tail(drill)).isEqualTo(DrillCommand.FAIL);
        JsonNode summary = new ObjectMapper().readTree(reports.resolve("drills/too-strict/summary.json").toFile());
        assertThat(summary.get("verdict").asText()).isEqualTo("FAIL");
        assertThat(summary.get("failures")).singleElement().satisfies(failure -> {
            assertThat(failure.get("expectation").asText()).isEqualTo("rto");
            assertThat(failure.get("bound").asText()).isEqualTo("1ms");
        });
        assertThat(summary.get("rto").get("firstConsumeMs").asLong()).isGreaterThan(1);
        assertThat(String.join("\n", drill.logTail(200))).contains("broken: [rto]").contains("bound 1ms");
        assertThat(reports.resolve("drills/too-strict/report.html")).exists();
        assertNoChildrenLeft(drill);
    }

    @Test
    void upServesALiveEnvironmentUntilSigterm() throws Exception {
        ChildJvm up = cli("up", "scenarios/primary-outage.yaml", "--reports", reports.toString());
        Path endpointsFile = reports.resolve("up/primary-outage/endpoints.properties");
        await("drill up writes its endpoints").atMost(Duration.ofMinutes(3))
                .until(() -> !up.isAlive() || Files.exists(endpointsFile) && LogFiles.contains(up.log(), 0, "# written to"));
        assertThat(up.isAlive()).as("drill up runs; log:%n%s", tail(up)).isTrue();
        Properties endpoints = new Properties();
        try (Reader reader = Files.newBufferedReader(endpointsFile)) {
            endpoints.load(reader);
        }
        assertThat(endpoints.getProperty("toxiproxy.api")).startsWith("http://127.0.0.1:");

        // an application of the user's own: produce through the clients->primary proxies and read the
        // copy MirrorMaker 2 made on the backup
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of("bootstrap.servers", endpoints.getProperty("primary.bootstrap.servers")),
                new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < 10; i++) {
                producer.send(new ProducerRecord<>("orders", 0, "k", "from-my-app-" + i)).get();
            }
        }
        List<String> copied = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(
                Map.of("bootstrap.servers", endpoints.getProperty("backup.bootstrap.servers"), "auto.offset.reset", "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition("orders", 0)));
            await("records replicated to the backup").atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    copied.add(record.value());
                }
                return copied.size() >= 10;
            });
        }
        assertThat(copied).contains("from-my-app-0", "from-my-app-9");

        up.stop(Duration.ofSeconds(60));
        assertThat(up.exitValue()).as("exit code after SIGTERM; log:%n%s", tail(up)).isZero();
        assertThat(String.join("\n", up.logTail(20))).contains("# torn down");
        assertNoChildrenLeft(up);
    }

    private static ChildJvm cli(String... args) throws Exception {
        Path log = Files.createTempFile("drill-cli-", ".log");
        return ChildJvm.builder("drill-cli", DrillCommand.class.getName())
                .args(List.of(args))
                .jvmOptions(List.of("-Xmx512m"))
                .systemProperty("firedrill.child.classpath", ChildJvm.defaultClasspath())
                .log(log)
                .start();
    }

    private static String tail(ChildJvm jvm) {
        return String.join("\n", jvm.logTail(60));
    }

    /** The CLI's children (brokers, MirrorMaker: their files live in its run directory) died with it. */
    private static void assertNoChildrenLeft(ChildJvm cli) {
        String runDirectory = "/run-" + cli.pid() + "/";
        await("children of the CLI gone").atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(ProcessHandle.allProcesses()
                        .filter(process -> process.info().commandLine().orElse("").contains(runDirectory))
                        .map(process -> process.pid() + " " + process.info().commandLine().orElse("")))
                        .as("processes started by the CLI").isEmpty());
        assertThat(ChildProcesses.live()).as("processes this test started").isEmpty();
    }
}
