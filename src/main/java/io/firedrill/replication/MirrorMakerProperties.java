package io.firedrill.replication;

import io.firedrill.replication.MirrorMakerSettings.HarnessSetting;
import io.firedrill.support.FreePorts;
import org.apache.kafka.connect.mirror.MirrorCheckpointConfig;
import org.apache.kafka.connect.mirror.MirrorHeartbeatConfig;
import org.apache.kafka.connect.mirror.MirrorSourceConfig;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A flow's mm2.properties: the base (a profile from {@code harness/kafka/mirrormaker-<profile>.properties},
 * on the classpath under {@code firedrill/kafka/}, and the team's keys over it), then only what
 * Firedrill must set to run the flow, each key with its reason. Values are escaped, so a regex
 * keeps its backslashes.
 */
final class MirrorMakerProperties {

    private static final String PROFILES = "firedrill/kafka/mirrormaker-";
    /** MirrorMaker's and Connect's defaults of the replication factors Firedrill may have to lower. */
    private static final Map<String, Integer> DEFAULT_REPLICATION_FACTORS = Map.of(
            MirrorSourceConfig.REPLICATION_FACTOR, MirrorSourceConfig.REPLICATION_FACTOR_DEFAULT,
            MirrorCheckpointConfig.CHECKPOINTS_TOPIC_REPLICATION_FACTOR, (int) MirrorCheckpointConfig.CHECKPOINTS_TOPIC_REPLICATION_FACTOR_DEFAULT,
            MirrorHeartbeatConfig.HEARTBEATS_TOPIC_REPLICATION_FACTOR, (int) MirrorHeartbeatConfig.HEARTBEATS_TOPIC_REPLICATION_FACTOR_DEFAULT,
            MirrorSourceConfig.OFFSET_SYNCS_TOPIC_REPLICATION_FACTOR, (int) MirrorSourceConfig.OFFSET_SYNCS_TOPIC_REPLICATION_FACTOR_DEFAULT,
            "offset.storage.replication.factor", 3,
            "status.storage.replication.factor", 3,
            "config.storage.replication.factor", 3);

    private MirrorMakerProperties() {}

    /**
     * @param instance    names this MirrorMaker's own config and status topics
     * @param workerGroup fresh for every start (a restarted MirrorMaker need not wait out the killed member)
     */
    static MirrorMakerSettings settings(ReplicationFlow flow, String instance, String workerGroup) {
        String source = flow.source().alias();
        String target = flow.target().alias();
        Map<String, String> given = new LinkedHashMap<>(profile(flow.base().profile(), source, target));
        given.putAll(flow.base().team());
        Harness harness = new Harness(given);

        harness.set("clusters", source + "," + target, "the drill's two clusters, by the aliases Firedrill gives them");
        harness.set(source + ".bootstrap.servers", flow.source().bootstrapServers(),
                "through the replication-link proxies, so the drill can fault MirrorMaker's links");
        harness.set(target + ".bootstrap.servers", flow.target().bootstrapServers(),
                "through the replication-link proxies, so the drill can fault MirrorMaker's links");
        String oneFlow = "one flow per process, " + source + " to " + target
                + ": otherwise MirrorMaker also writes heartbeats and internal topics into the source";
        harness.set(source + "->" + target + ".enabled", "true", oneFlow);
        harness.set(target + "->" + source + ".enabled", "false", oneFlow);
        harness.set(target + "->" + source + ".emit.heartbeats.enabled", "false", oneFlow);
        harness.set("topics", flow.topics(), "the scenario's critical topics that replication.topics selects");
        harness.set("groups", flow.groups(), "the scenario's replication.groups");
        String tagged = "the flow's policy for its topics; MirrorMaker's heartbeats, checkpoints and offset-syncs topics carry"
                + " the run's tag " + flow.run() + ", so other drills and the team's own MirrorMaker never share them";
        harness.set(ReplicationFlow.POLICY_CLASS, RunTaggedReplicationPolicy.class.getName(), tagged);
        flow.taggedPolicySettings().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(entry -> harness.set(entry.getKey(), entry.getValue(), entry.getKey().equals(RunTaggedReplicationPolicy.DELEGATE_CONFIG)
                        ? "the scenario's replication.policy (or the restore flow's), which " + RunTaggedReplicationPolicy.class.getSimpleName() + " applies to topics"
                        : tagged));
        harness.set("sync.group.offsets.enabled", Boolean.toString(flow.syncGroupOffsets()),
                "the scenario's replication.sync-group-offsets");
        DEFAULT_REPLICATION_FACTORS.keySet().stream().sorted().forEach(key -> {
            int limit = key.equals(MirrorSourceConfig.REPLICATION_FACTOR) ? flow.replicationFactor() : flow.internalReplicationFactor();
            int effective = given.containsKey(key) ? parseOr(given.get(key), limit) : DEFAULT_REPLICATION_FACTORS.get(key);
            if (effective > limit) {
                harness.set(key, Integer.toString(limit), "the " + target + " cluster has too few brokers for " + effective
                        + " replicas: the topic would never be created");
            }
        });
        harness.set("offset-syncs.topic.location", "target", "Firedrill's monitor and the failover read the offset syncs on"
                + " the " + target + ": on the source they die with it");
        String names = "named by the run's tag " + flow.run() + ", the MirrorMaker instance and its start, so two drills,"
                + " or a drill and the team's own MirrorMaker, never share Connect groups or internal topics";
        harness.set("config.storage.topic", "mm2-configs." + source + "." + flow.run() + "." + instance + ".internal", names);
        harness.set("status.storage.topic", "mm2-status." + source + "." + flow.run() + "." + instance + ".internal", names);
        harness.set(ReplicationFlow.OFFSET_STORAGE_TOPIC, flow.offsetStorageTopic(),
                "where this generation keeps its source offsets, named by the run's tag; failback seeds a fresh one");
        harness.set(target + ".group.id", workerGroup, names);
        String bounded = "a dead source fails calls fast, so MirrorMaker stops within the drill's bounds";
        harness.set("admin.timeout.ms", "2000", bounded);
        harness.set(source + ".admin.default.api.timeout.ms", "2000", bounded);
        harness.set(source + ".admin.request.timeout.ms", "1000", bounded);
        harness.set(source + ".consumer.request.timeout.ms", "2000", bounded);
        harness.set(source + ".consumer.default.api.timeout.ms", "2000", bounded);
        harness.set(target + ".task.shutdown.graceful.timeout.ms", "1000", bounded);
        String startup = "start time only (no effect on replication): ";
        harness.setUnlessGiven("plugin.discovery", "service_load", startup + "skips ~3 s of classpath scanning");
        harness.setUnlessGiven(target + ".plugin.discovery", "service_load", startup + "skips ~3 s of classpath scanning");
        harness.setUnlessGiven("offset.storage.partitions", "1", startup + "fewer partitions to create and read back");
        harness.setUnlessGiven("status.storage.partitions", "1", startup + "fewer partitions to create and read back");
        harness.setUnlessGiven("sync.topic.acls.enabled", "false",
                "drill clusters have no authorizer: ACL sync would only log SecurityDisabledException");
        if (flow.base().exactlyOnce()) {
            exactlyOnce(harness, source, target);
        }
        for (ReplicationEndpoint endpoint : List.of(flow.source(), flow.target())) {
            endpoint.clientProperties().forEach((key, value) -> harness.set(endpoint.alias() + "." + key, value,
                    "the " + endpoint.alias() + " cluster's client settings (security of external clusters)"));
        }
        flow.overrides().forEach((key, value) -> {
            if (!key.equals(ReplicationFlow.POLICY_CLASS)) { // a restore's policy is the tagged policy's delegate (above)
                harness.set(key, value, "this flow's own (restore flow or failback generation)");
            }
        });
        return new MirrorMakerSettings(flow.base().describe(), given, harness.settings(), flow.base().warnings());
    }

    /**
     * MirrorMaker 2's exactly-once source support, as Kafka's docs set it up for dedicated mode
     * (ops.html "Exactly once", Kafka 3.5+; every release Firedrill supports has it).
     */
    private static void exactlyOnce(Harness harness, String source, String target) {
        String why = "replication.mirrormaker.exactly-once: ";
        harness.set(target + ".exactly.once.source.support", "enabled", why + "the " + target + "'s Connect worker writes each"
                + " batch of copied records and its source offsets in one transaction (KIP-618), so a killed MirrorMaker"
                + " copies nothing twice");
        harness.set("dedicated.mode.enable.internal.rest", "true", why + "exactly-once needs the workers' internal REST"
                + " server (KIP-710): the leader fences zombie task producers through it");
        harness.set("listeners", "http://127.0.0.1:" + FreePorts.next(), why + "the internal REST server on a free loopback"
                + " port of its own");
        harness.set(source + ".consumer.isolation.level", "read_committed", why + "only committed records are copied;"
                + " otherwise MirrorMaker copies records of aborted transactions as plain records the " + target
                + " then serves as committed (and MirrorSourceConnector reports exactly-once as unsupported)");
        harness.setUnlessGiven(target + ".producer.transaction.timeout.ms", "10000", why + "a MirrorMaker killed"
                + " mid-transaction holds back every read_committed reader of the " + target + " until its transaction"
                + " times out (Kafka's default 60 s): each start has a fresh worker group, so no restart fences it;"
                + " a failover kills MirrorMaker too, so this bounds what the groups wait for after it");
    }

    /** The mm2.properties text of {@code settings}, for the flow called {@code flowName}. */
    static String render(String flowName, MirrorMakerSettings settings) {
        StringBuilder out = new StringBuilder("# MirrorMaker 2 for " + flowName + ": " + settings.base()
                + ", then what Firedrill sets (see the drill report for why)\n");
        settings.effective().forEach((key, value) -> out.append(escapeKey(key)).append('=').append(escape(value)).append('\n'));
        return out.toString();
    }

    /** Firedrill's keys in the order set; a key set twice keeps its first place and its last value. */
    private static final class Harness {
        private final Map<String, String> given;
        private final Map<String, HarnessSetting> settings = new LinkedHashMap<>();

        Harness(Map<String, String> given) {
            this.given = given;
        }

        void set(String key, String value, String reason) {
            boolean overrode = given.containsKey(key) && !given.get(key).equals(value);
            settings.put(key, new HarnessSetting(key, value, reason, overrode));
        }

        void setUnlessGiven(String key, String value, String reason) {
            if (!given.containsKey(key)) {
                set(key, value, reason);
            }
        }

        List<HarnessSetting> settings() {
            return new ArrayList<>(settings.values());
        }
    }

    private static int parseOr(String value, int fallback) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    /** The profile's keys with the flow's aliases filled in. */
    private static Map<String, String> profile(String name, String source, String target) {
        String resource = PROFILES + name + ".properties";
        try (InputStream in = MirrorMakerProperties.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is missing from the classpath: rebuild with mvn");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace("${source}", source).replace("${target}", target);
            Properties properties = new Properties();
            properties.load(new StringReader(text));
            Map<String, String> ordered = new LinkedHashMap<>();
            // Properties forgets the order: keep the file's
            text.lines().map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#") && line.contains("="))
                    .map(line -> line.substring(0, line.indexOf('=')).strip())
                    .forEach(key -> ordered.put(key, properties.getProperty(key)));
            return ordered;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    private static String escapeKey(String key) {
        return escape(key).replace("=", "\\=").replace(":", "\\:").replace(" ", "\\ ");
    }

    /** Escapes a value for java.util.Properties, which would read {@code \.} as {@code .}. */
    static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case ' ' -> out.append(i == 0 ? "\\ " : " ");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
