package io.firedrill.scenario;

import java.util.Objects;
import java.util.OptionalInt;

/**
 * A topic created on the primary before traffic starts. Critical topics are the ones replicated
 * and backed up; an empty {@code minInsyncReplicas} leaves the broker default.
 */
public record TopicSpec(String name, int partitions, int replicationFactor, OptionalInt minInsyncReplicas,
                        boolean critical) {

    public static final int DEFAULT_PARTITIONS = 3;

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(minInsyncReplicas, "minInsyncReplicas");
    }

    /** The contract's default: as many replicas as brokers, at most 3. */
    public static int defaultReplicationFactor(int brokers) {
        return Math.min(3, brokers);
    }
}
