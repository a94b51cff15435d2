package io.firedrill.cluster.process;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;

/**
 * The default backend: every broker a real {@code kafka.Kafka} JVM started from the harness's
 * Maven classpath. Needs nothing but a JDK, so it runs on CI agents without Docker.
 */
public final class ProcessClusterBackend implements ClusterBackend {

    @Override
    public String name() {
        return "process";
    }

    @Override
    public boolean supportsHostFaults() {
        return true;
    }

    @Override
    public KafkaCluster start(ClusterSpec spec) {
        return ProcessKafkaCluster.start(spec);
    }
}
