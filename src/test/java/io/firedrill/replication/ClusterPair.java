package io.firedrill.replication;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.ProcessClusterBackend;
import io.firedrill.process.ChildProcesses;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

import java.util.concurrent.CompletableFuture;

/**
 * Tests on a primary and a backup, one real broker each, started in parallel once per class;
 * closing them checks that no child process (broker, MirrorMaker) is left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterPair {

    KafkaCluster primary;
    KafkaCluster backup;

    @BeforeAll
    void startClusters() {
        var backend = new ProcessClusterBackend();
        CompletableFuture<KafkaCluster> primaryStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 1)));
        CompletableFuture<KafkaCluster> backupStart = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        primary = primaryStart.join();
        backup = backupStart.join();
    }

    @AfterAll
    void stopClusters() {
        if (primary != null) {
            primary.close();
        }
        if (backup != null) {
            backup.close();
        }
        if (!ChildProcesses.live().isEmpty()) {
            throw new AssertionError("child processes left behind: " + ChildProcesses.live());
        }
    }

    /** Primary to backup on the clusters' own addresses, for these topics and groups. */
    ReplicationFlow flow(String topicsAndGroups) {
        return ReplicationFlow.between(ReplicationEndpoint.of("primary", primary.bootstrapServers()),
                ReplicationEndpoint.of("backup", backup.bootstrapServers())).withTopics(topicsAndGroups).withGroups(topicsAndGroups);
    }
}
