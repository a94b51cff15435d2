package io.firedrill.scenario;

import io.firedrill.kafka.KafkaVersion;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How the primary is replicated to the backup. {@code topics} and {@code groups} are Java regular
 * expressions matched against whole names (as MirrorMaker 2's filters do); {@code topics} selects
 * among the critical topics. {@code mirrorMaker} is the MirrorMaker 2 configuration the team runs,
 * with the Kafka release it runs on.
 */
public record Replication(ReplicationEngineKind engine, ReplicationPolicy policy, String topics, String groups,
                          boolean syncGroupOffsets, MirrorMakerSetup mirrorMaker) {

    public static final String ALL = ".*";

    public Replication {
        Objects.requireNonNull(engine, "engine");
        Objects.requireNonNull(policy, "policy");
        Pattern.compile(topics);
        Pattern.compile(groups);
        Objects.requireNonNull(mirrorMaker, "mirrorMaker");
    }

    /** With MirrorMaker at Kafka's defaults on the harness's own Kafka, and no settings of the team's. */
    public Replication(ReplicationEngineKind engine, ReplicationPolicy policy, String topics, String groups,
                       boolean syncGroupOffsets) {
        this(engine, policy, topics, groups, syncGroupOffsets, MirrorMakerSetup.DEFAULT);
    }

    /** The Kafka release MirrorMaker 2 runs ({@code replication.mirrormaker.kafka}). */
    public KafkaVersion mirrorMakerKafka() {
        return mirrorMaker.kafka();
    }

    public Replication withMirrorMakerKafka(KafkaVersion version) {
        return new Replication(engine, policy, topics, groups, syncGroupOffsets, mirrorMaker.withKafka(version));
    }

    public boolean replicatesTopic(TopicSpec topic) {
        return topic.critical() && Pattern.matches(topics, topic.name());
    }

    public boolean syncsGroup(String group) {
        return syncGroupOffsets && Pattern.matches(groups, group);
    }

    /** The name a topic of {@code source} has on the other cluster under this policy. */
    public String remoteTopicName(ClusterRole source, String topic) {
        return policy == ReplicationPolicy.PREFIXED ? source.keyword() + "." + topic : topic;
    }
}
