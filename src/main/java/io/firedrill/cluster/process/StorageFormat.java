package io.firedrill.cluster.process;

import io.firedrill.support.InfrastructureException;
import org.apache.kafka.metadata.storage.Formatter;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * Formats the KRaft storage of a node of the harness's own Kafka, in the harness JVM: the same
 * code kafka-storage.sh runs, in 10-60 ms instead of a ~1 s JVM start per node. Nodes of any
 * other version format with that version's own StorageTool in the broker's JVM instead
 * ({@link FormatThenServe}): a storage layout and bootstrap metadata written by another version's
 * formatter could name a metadata version or features the broker does not know.
 */
final class StorageFormat {

    private StorageFormat() {}

    static void formatInProcess(int nodeId, Path dataDir, String clusterId) {
        try {
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(nodeId)
                    .setClusterId(clusterId)
                    .setControllerListenerName("CONTROLLER")
                    .setMetadataLogDirectory(dataDir.toString())
                    .addDirectory(dataDir.toString())
                    .run();
        } catch (Exception e) {
            throw new InfrastructureException("cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
    }
}
