package io.firedrill.replication;

import io.firedrill.cluster.TwoProcessClusters;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.process.ChildProcesses;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;


/**
 * Tests on a primary and a backup, one real broker each, started in parallel once per class;
 * closing them checks that no child process (broker, MirrorMaker) is left behind.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ClusterPair {

    private TwoProcessClusters clusters;
    KafkaCluster primary;
    KafkaCluster backup;

    @BeforeAll
    void startClusters() {
        clusters = TwoProcessClusters.start();
        primary = clusters.primary();
        backup = clusters.backup();
    }

    @AfterAll
    void stopClusters() {
        if (clusters != null) {
            clusters.close();
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
