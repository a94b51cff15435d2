package io.firedrill.replication;

import io.firedrill.kafka.KafkaVersion;
import io.firedrill.support.BadInputException;
import io.firedrill.support.RunTag;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Utils;
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
 * @param run                       the drill run's tag, in every name MirrorMaker creates on the clusters;
 *                                  null for the team's own MirrorMaker, which Firedrill follows by Kafka's names
 */
public record ReplicationFlow(ReplicationEndpoint source, ReplicationEndpoint target, String topics, String groups,
                              boolean syncGroupOffsets, ReplicationPolicyKind policy, int replicationFactor,
                              int internalReplicationFactor, Map<String, String> overrides, MirrorMakerBase base,
                              KafkaVersion kafka, RunTag run) {

    static final String POLICY_CLASS = "replication.policy.class";
    static final String OFFSET_STORAGE_TOPIC = "offset.storage.topic";
    public static final String OFFSET_SYNCS_LOCATION = "offset-syncs.topic.location";

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

    public ReplicationFlow withEndpoints(ReplicationEndpoint sourceEndpoint, ReplicationEndpoint targetEndpoint) {
        return new ReplicationFlow(sourceEndpoint, targetEndpoint, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, base, kafka, run);
    }

    public ReplicationFlow withTarget(ReplicationEndpoint endpoint) {
        return new ReplicationFlow(source, endpoint, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, overrides, base, kafka, run);
    }

    /**
     * The flow as the team's own MirrorMaker 2 runs it, which Firedrill follows but did not start:
     * no run tag, so its policy's own names; {@code teamSettings} are the team's
     * {@code replication.policy.*} keys and {@code offset-syncs.topic.location}.
     */
    public ReplicationFlow asTeamFlow(Map<String, String> teamSettings) {
        Map<String, String> more = new LinkedHashMap<>(overrides);
        more.putAll(teamSettings);
        return new ReplicationFlow(source, target, topics, groups, syncGroupOffsets, policy, replicationFactor, internalReplicationFactor, more, base, kafka, null);
    }

    /** Whether Firedrill started this flow's MirrorMaker (its names carry the run tag) or follows the team's. */
    public boolean isTeamFlow() {
        return run == null;
    }

    /** Whether the offset syncs live on the source (Kafka's default); Firedrill's own flows keep them on the target. */
    public boolean offsetSyncsOnSource() {
        return "source".equals(overrides.get(OFFSET_SYNCS_LOCATION));
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

    /**
     * The policy MirrorMaker runs, configured the way MirrorMaker configures it:
     * {@link RunTaggedReplicationPolicy} for Firedrill's flows, the team's own class for theirs.
     */
    public ReplicationPolicy replicationPolicy() {
        try {
            Map<String, Object> config = new HashMap<>();
            overrides.forEach((key, value) -> {
                if (key.startsWith("replication.policy.")) {
                    config.put(key, value);
                }
            });
            config.put(IdentityReplicationPolicy.SOURCE_CLUSTER_ALIAS_CONFIG, source.alias());
            if (isTeamFlow()) {
                ReplicationPolicy team = Utils.newInstance(policyClassName(), ReplicationPolicy.class);
                if (team instanceof org.apache.kafka.common.Configurable configurable) {
                    configurable.configure(config);
                }
                return team;
            }
            RunTaggedReplicationPolicy instance = new RunTaggedReplicationPolicy();
            config.putAll(taggedPolicySettings());
            instance.configure(config);
            return instance;
        } catch (ClassNotFoundException e) {
            throw new BadInputException("replication policy " + policyClassName() + " is not on the classpath", e);
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

    /**
     * Upstream to downstream offset pairs: on the target, named by the source alias (Firedrill's
     * flows); on the source, named by the target alias, where a team's MirrorMaker keeps them by default.
     */
    public String offsetSyncsTopic() {
        return replicationPolicy().offsetSyncsTopic(offsetSyncsOnSource() ? target.alias() : source.alias());
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
