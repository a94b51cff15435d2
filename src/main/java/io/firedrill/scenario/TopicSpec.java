package io.firedrill.scenario;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A topic created on the primary before traffic starts, or {@code createAfter} after traffic
 * started (its producers start then): a topic a team adds while MirrorMaker runs, which
 * MirrorMaker only replicates once it refreshes its topics. Critical topics are the ones
 * replicated and backed up; an empty {@code minInsyncReplicas} leaves the broker default.
 * {@code replicaAssignment}, when not empty, pins each partition's replicas to primary brokers
 * (index = partition, first broker = preferred leader), so a drill can kill exactly a partition's
 * leader or followers; empty leaves placement to Kafka.
 */
public record TopicSpec(String name, int partitions, int replicationFactor, OptionalInt minInsyncReplicas,
                        boolean critical, List<List<Integer>> replicaAssignment, Optional<Duration> createAfter) {

    public static final int DEFAULT_PARTITIONS = 3;

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(minInsyncReplicas, "minInsyncReplicas");
        Objects.requireNonNull(createAfter, "createAfter");
        replicaAssignment = replicaAssignment.stream().map(List::copyOf).toList();
    }

    /** A topic whose replicas Kafka places, created before traffic starts. */
    public TopicSpec(String name, int partitions, int replicationFactor, OptionalInt minInsyncReplicas, boolean critical) {
        this(name, partitions, replicationFactor, minInsyncReplicas, critical, List.of(), Optional.empty());
    }

    /** A topic created before traffic starts. */
    public TopicSpec(String name, int partitions, int replicationFactor, OptionalInt minInsyncReplicas, boolean critical,
                     List<List<Integer>> replicaAssignment) {
        this(name, partitions, replicationFactor, minInsyncReplicas, critical, replicaAssignment, Optional.empty());
    }

    /** The contract's default: as many replicas as brokers, at most 3. */
    public static int defaultReplicationFactor(int brokers) {
        return Math.min(3, brokers);
    }
}
