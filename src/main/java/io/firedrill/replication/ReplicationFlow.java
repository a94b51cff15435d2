package io.firedrill.replication;

import io.firedrill.kafka.KafkaVersion;
import io.firedrill.support.BadInputException;
import io.firedrill.support.RunTag;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.apache.kafka.connect.mirror.ReplicationPolicy;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * One MirrorMaker 2 flow, source to target: what the scenario's {@code replication:} block
 * asks for plus the addresses MirrorMaker must use.
 *
 * @param topics                    regex of source topics to replicate (MirrorMaker reads it as a
 *                                  comma-separated list of regexes, so it must not contain commas)
 * @param groups                    regex of consumer groups whose offsets are checkpointed
 * @param syncGroupOffsets          whether MirrorMaker commits translated offsets to the target's groups
 * @param replicationFactor         of the topics MirrorMaker creates on the target
 * @param internalReplicationFactor of MirrorMaker's own topics (heartbeats, checkpoints, offsets...)
 * @param overrides                 MirrorMaker properties written after everything else (restore and
 *                                  failback set the policy class and the offset storage here)
 * @param base                      the profile and team config the properties start from
 * @param kafka                     the Kafka release MirrorMaker 2 runs (default: the harness's own)
 * @param run                       the drill run's tag, in every name MirrorMaker creates on the clusters
 */
public record ReplicationFlow(ReplicationEndpoint source, ReplicationEndpoint target, String topics, String groups,
                              boolean syncGroupOffsets, ReplicationPolicyKind policy, int replicationFactor,
                              int internalReplicationFactor, Map<String, String> overrides, MirrorMakerBase base,
                              KafkaVersion kafka, RunTag run) {

    static final String POLICY_CLASS = "replication.policy.class";
    static final String OFFSET_STORAGE_TOPIC = "offset.storage.topic";

    public ReplicationFlow {
        if (source.alias().equals(target.alias())) {
            throw new BadInputException("a replication flow needs two different cluster aliases, got '" + source.alias() + "' twice");
        }
        for (String regex : new String[] {topics, groups}) {
            try {
                Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new BadInputException("replication regex '" + regex + "' is invalid: " + e.getDescription());
            }
            if (regex.contains(",")) {
                throw new BadInputException("replication regex '" + regex + "' contains a comma, which MirrorMaker 2 "
                        + "reads as a list separator: use alternation (a|b) instead");
            }
        }
        if (replicationFactor < 1 || internalReplicationFactor < 1) {
            throw new BadInputException("replication factors must be at least 1");
        }
        overrides = Map.copyOf(overrides);
        Objects.requireNonNull(base, "base");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(run, "run");
    }

    /**
     * Everything, identity policy, group offsets synced, replication factor 1, Firedrill's tuned
     * settings, a fresh run tag (a drill gives its own with {@link #withRun}).
     */
    public static ReplicationFlow between(ReplicationEndpoint source, ReplicationEndpoint target) {
        return new ReplicationFlow(source, target, ".*", ".*", true, ReplicationPolicyKind.IDENTITY, 1, 1, Map.of(),
                MirrorMakerBase.TUNED, KafkaVersion.HARNESS, RunTag.random());
    }

    public ReplicationFlow withRun(RunTag tag) {
        return new ReplicationFlow(source, target, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, base, kafka, tag);
    }

    public ReplicationFlow withBase(MirrorMakerBase settings) {
        return new ReplicationFlow(source, target, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, settings, kafka, run);
    }

    public ReplicationFlow withKafka(KafkaVersion version) {
        return new ReplicationFlow(source, target, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, base, version, run);
    }

    public ReplicationFlow withTopics(String regex) {
        return new ReplicationFlow(source, target, regex, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, base, kafka, run);
    }

    public ReplicationFlow withGroups(String regex) {
        return new ReplicationFlow(source, target, topics, regex, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, base, kafka, run);
    }

    public ReplicationFlow withSyncGroupOffsets(boolean sync) {
        return new ReplicationFlow(source, target, topics, groups, sync, policy, replicationFactor, internalReplicationFactor, overrides, base, kafka, run);
    }

    public ReplicationFlow withPolicy(ReplicationPolicyKind kind) {
        return new ReplicationFlow(source, target, topics, groups, syncGroupOffsets, kind, replicationFactor, internalReplicationFactor, overrides, base, kafka, run);
    }

    public ReplicationFlow withReplicationFactors(int topicsRf, int internalRf) {
        return new ReplicationFlow(source, target, topics, groups, syncGroupOffsets, policy, topicsRf, internalRf, overrides, base, kafka, run);
    }

    public ReplicationFlow withOverride(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(overrides);
        more.put(key, value);
        return new ReplicationFlow(source, target, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, more, base, kafka, run);
    }

    public ReplicationFlow withTarget(ReplicationEndpoint endpoint) {
        return new ReplicationFlow(source, endpoint, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, base, kafka, run);
    }

    /** {@code primary->backup}, as MirrorMaker names it. */
    public String name() {
        return source.alias() + "->" + target.alias();
    }

    /** The flow's own policy for user topics (the scenario's, or a restore's), which {@link RunTaggedReplicationPolicy} wraps. */
    public String policyClassName() {
        return overrides.getOrDefault(POLICY_CLASS, policy.policyClassName());
    }

    /** What MirrorMaker gets besides {@code replication.policy.class}: the flow's own policy and the run's tag. */
    Map<String, String> taggedPolicySettings() {
        return Map.of(RunTaggedReplicationPolicy.DELEGATE_CONFIG, policyClassName(), RunTaggedReplicationPolicy.RUN_CONFIG, run.value());
    }

    /** The policy MirrorMaker runs ({@link RunTaggedReplicationPolicy}), configured the way MirrorMaker configures it. */
    public ReplicationPolicy replicationPolicy() {
        try {
            RunTaggedReplicationPolicy instance = new RunTaggedReplicationPolicy();
            Map<String, Object> config = new HashMap<>();
            overrides.forEach((key, value) -> {
                if (key.startsWith("replication.policy.")) {
                    config.put(key, value);
                }
            });
            config.putAll(taggedPolicySettings());
            config.put(IdentityReplicationPolicy.SOURCE_CLUSTER_ALIAS_CONFIG, source.alias());
            instance.configure(config);
            return instance;
        } catch (KafkaException e) {
            throw new BadInputException("replication policy " + policyClassName() + " cannot be loaded: " + e.getMessage(), e);
        }
    }

    /** The name a source topic gets on the target. */
    public String remoteTopic(String sourceTopic) {
        return replicationPolicy().formatRemoteTopic(source.alias(), sourceTopic);
    }

    public boolean replicates(String sourceTopic) {
        return Pattern.matches(topics, sourceTopic);
    }

    /** On the target (offset-syncs.topic.location=target): upstream to downstream offset pairs. */
    public String offsetSyncsTopic() {
        return replicationPolicy().offsetSyncsTopic(source.alias());
    }

    /** On the target: the translated offsets of the source's consumer groups. */
    public String checkpointsTopic() {
        return replicationPolicy().checkpointsTopic(source.alias());
    }

    /** On the target: written every second by MirrorMaker's heartbeat connector of this flow. */
    public String heartbeatsTopic() {
        return replicationPolicy().heartbeatsTopic();
    }

    /** On the target: MirrorMaker's committed source offsets (Connect offset storage). */
    public String offsetStorageTopic() {
        return overrides.getOrDefault(OFFSET_STORAGE_TOPIC, "mm2-offsets." + source.alias() + "." + run + ".internal");
    }
}
