package io.firedrill.cluster;

import io.firedrill.cluster.process.ProcessClusterBackend;

import java.util.concurrent.CompletableFuture;

/** A primary and a backup of one process broker each, booted in parallel: what replication and drill ITs run on. */
public record TwoProcessClusters(KafkaCluster primary, KafkaCluster backup) implements AutoCloseable {

    public static TwoProcessClusters start() {
        var backend = new ProcessClusterBackend();
        CompletableFuture<KafkaCluster> primary = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("primary", 1)));
        CompletableFuture<KafkaCluster> backup = CompletableFuture.supplyAsync(() -> backend.start(ClusterSpec.of("backup", 1)));
        return new TwoProcessClusters(primary.join(), backup.join());
    }

    @Override
    public void close() {
        try {
            primary.close();
        } finally {
            backup.close();
        }
    }
}
