package io.firedrill.cluster.process;

import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.process.ChildJvm;
import io.firedrill.support.InfrastructureException;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Formats nodes' KRaft storage before their first start. The harness's own Kafka formats in the
 * harness JVM: the same code kafka-storage.sh runs, in 10-60 ms instead of a ~1 s JVM start per
 * node. Any other version formats with its own {@code kafka.tools.StorageTool}, one child JVM per
 * node, all in parallel: a storage layout and bootstrap metadata written by another version's
 * formatter could name a metadata version or features the broker does not know.
 */
final class StorageFormat {

    static final String STORAGE_TOOL = "kafka.tools.StorageTool";
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    /**
     * One node to format.
     *
     * @param properties its server.properties (voters, listeners, log.dirs), which the tool reads
     * @param log        where a child-JVM formatter writes its output
     */
    record Node(String target, int nodeId, Path dataDir, Path properties, Path log) {}

    private StorageFormat() {}

    static void format(KafkaDistribution kafka, String clusterId, List<Node> nodes) {
        if (kafka.version().isHarness()) {
            nodes.forEach(node -> formatInProcess(node, clusterId));
            return;
        }
        List<ChildJvm> formatters = new ArrayList<>();
        try {
            for (Node node : nodes) {
                formatters.add(ChildJvm.builder(node.target() + " storage format", STORAGE_TOOL)
                        .classpath(kafka.classpath())
                        .jvmOptions(List.of("-Xmx128m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData"))
                        .systemProperty("logback.configurationFile", "logback-child.xml")
                        .args(List.of("format", "-t", clusterId, "-c", node.properties().toString()))
                        .log(node.log())
                        .start());
            }
            for (ChildJvm formatter : formatters) {
                if (!formatter.awaitExit(TIMEOUT)) {
                    throw new InfrastructureException(formatter.name() + " (Kafka " + kafka.version() + ") did not finish within "
                            + TIMEOUT.toSeconds() + " s", List.of(formatter.logExcerpt(20)));
                }
                if (formatter.exitValue() != 0) {
                    throw new InfrastructureException(formatter.name() + " (Kafka " + kafka.version() + ") exited with status "
                            + formatter.exitValue(), List.of(formatter.logExcerpt(20)));
                }
            }
        } finally {
            formatters.forEach(ChildJvm::close);
        }
    }

    private static void formatInProcess(Node node, String clusterId) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(node.nodeId())
                    .setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(node.dataDir().toString())
                    .addDirectory(node.dataDir().toString())
                    .run();
        } catch (Exception e) {
            throw new InfrastructureException("cannot format Kafka storage in " + node.dataDir() + ": " + e.getMessage(), e);
        }
    }
}
