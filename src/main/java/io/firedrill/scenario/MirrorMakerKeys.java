package io.firedrill.scenario;

import io.firedrill.support.Secrets;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.mirror.DefaultReplicationPolicy;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.apache.kafka.connect.mirror.MirrorCheckpointConnector;
import org.apache.kafka.connect.mirror.MirrorHeartbeatConnector;
import org.apache.kafka.connect.mirror.MirrorMakerConfig;
import org.apache.kafka.connect.mirror.MirrorSourceConnector;

import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks the team's MirrorMaker 2 keys against MirrorMaker's own ConfigDefs (its dedicated-mode
 * config, the source, checkpoint and heartbeat connectors, the Connect worker and the Kafka
 * clients behind an alias prefix), as {@link BrokerOverrides} does for broker properties. A key
 * MirrorMaker does not know is only a warning, as MirrorMaker itself only ignores it; a key or
 * value that cannot work in a drill is a problem.
 */
final class MirrorMakerKeys {

    /** What is wrong with one key: where to report it and whether it stops the drill. */
    record Finding(Kind kind, String message) {}

    enum Kind {
        /** The key cannot work in a drill: a problem at the key. */
        KEY_PROBLEM,
        /** MirrorMaker refuses the value: a problem at the value. */
        VALUE_PROBLEM,
        /** MirrorMaker does not know the key and will ignore it: a warning. */
        UNKNOWN_KEY
    }

    static final Set<String> ALIASES = Set.of("primary", "backup");
    private static final Pattern FLOW_KEY = Pattern.compile("([^.]+)->([^.]+)\\.(.+)");

    private MirrorMakerKeys() {
    }

    static Optional<Finding> check(String key, String value, ReplicationPolicy policy) {
        if (key.equals(MirrorMakerConfig.CLUSTERS_CONFIG)) {
            return Optional.of(new Finding(Kind.KEY_PROBLEM, "'clusters' is set by Firedrill: a drill replicates between its own clusters"
                    + " 'primary' and 'backup'; remove 'clusters' and prefix cluster settings with primary. or backup."));
        }
        if (key.startsWith("config.providers.")) {
            return Optional.empty();
        }
        Matcher flow = FLOW_KEY.matcher(key);
        if (flow.matches()) {
            if (!ALIASES.contains(flow.group(1)) || !ALIASES.contains(flow.group(2))) {
                return Optional.of(new Finding(Kind.KEY_PROBLEM, "flow '" + flow.group(1) + "->" + flow.group(2) + "' names clusters this drill"
                        + " does not have; a drill's flow is primary->backup (write primary->backup." + flow.group(3) + ")"));
            }
            return known(flow.group(3), value, Definitions.CONNECTORS, key, policy);
        }
        int dot = key.indexOf('.');
        String prefix = dot < 0 ? "" : key.substring(0, dot);
        if (ALIASES.contains(prefix)) {
            String rest = key.substring(dot + 1);
            for (String client : List.of("producer.", "consumer.", "admin.")) {
                if (rest.startsWith(client)) {
                    return known(rest.substring(client.length()), value, Definitions.clients(client), key, policy);
                }
            }
            return known(rest, value, Definitions.CLUSTER, key, policy);
        }
        if (Definitions.TOP_LEVEL.containsKey(key)) {
            return known(key, value, Definitions.TOP_LEVEL, key, policy);
        }
        if (key.endsWith(".bootstrap.servers")) {
            return Optional.of(new Finding(Kind.KEY_PROBLEM, "cluster alias '" + key.substring(0, key.length() - ".bootstrap.servers".length())
                    + "' is not one of this drill's clusters: they are 'primary' and 'backup', and Firedrill sets their"
                    + " addresses (through the replication-link proxies); write its other settings with primary. or backup."));
        }
        return Optional.of(new Finding(Kind.UNKNOWN_KEY, "'" + key + "' is not a MirrorMaker 2 property, MirrorMaker ignores it"
                + Suggestions.didYouMean(key, Definitions.TOP_LEVEL.keySet())));
    }

    /**
     * A team key that would undo {@code exactly-once: true}: MirrorMaker 2 is exactly-once only when
     * the backup's worker runs exactly-once source support with its internal REST (KIP-618, KIP-710)
     * and the source consumer reads committed records only (otherwise MirrorSourceConnector reports
     * itself UNSUPPORTED and copies aborted records as plain ones).
     */
    static Optional<Finding> exactlyOnceConflict(String key, String value) {
        String wanted = EXACTLY_ONCE_KEYS.entrySet().stream().filter(entry -> entry.getKey().matcher(key).matches())
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (wanted == null || value.strip().equalsIgnoreCase(wanted)) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Kind.VALUE_PROBLEM, "'" + key + "' is " + value.strip() + " but replication.mirrormaker.exactly-once"
                + " is true, which needs " + wanted + " there; remove the key (Firedrill sets it) or set exactly-once: false"));
    }

    /** The keys {@link #exactlyOnceConflict} guards and the value exactly-once needs, as MirrorMaker reads them in dedicated mode. */
    private static final Map<Pattern, String> EXACTLY_ONCE_KEYS = Map.of(
            Pattern.compile("(primary\\.|primary->backup\\.)?(source\\.)?consumer\\.isolation\\.level"), "read_committed",
            Pattern.compile("backup\\.exactly\\.once\\.source\\.support"), "enabled",
            Pattern.compile("dedicated\\.mode\\.enable\\.internal\\.rest"), "true");

    /** {@code name} looked up in {@code definitions}; {@code key} is the whole key as written. */
    private static Optional<Finding> known(String name, String value, Map<String, ConfigDef.ConfigKey> definitions, String key,
                                           ReplicationPolicy policy) {
        ConfigDef.ConfigKey definition = definitions.get(name);
        if (definition == null) {
            String prefix = key.substring(0, key.length() - name.length());
            return Optional.of(new Finding(Kind.UNKNOWN_KEY, "'" + key + "' is not a MirrorMaker 2 property, MirrorMaker ignores it"
                    + Suggestions.closest(name, definitions.keySet()).map(s -> "; did you mean '" + prefix + s + "'?").orElse("")));
        }
        try {
            Object parsed = ConfigDef.parseType(name, value, definition.type);
            if (definition.validator != null) {
                definition.validator.ensureValid(name, parsed);
            }
        } catch (ConfigException | IllegalArgumentException e) {
            return Optional.of(new Finding(Kind.VALUE_PROBLEM, Secrets.isSecret(key) ? "'" + key + "' has a value MirrorMaker refuses (not shown: secret)"
                    : "'" + key + "': " + e.getMessage()));
        }
        if (name.equals("replication.policy.class")) {
            return policyClass(key, value, policy);
        }
        return Optional.empty();
    }

    /** The drill's restore and failback are built for the two policies of {@code replication.policy}. */
    private static Optional<Finding> policyClass(String key, String value, ReplicationPolicy policy) {
        String wanted = (policy == ReplicationPolicy.PREFIXED ? DefaultReplicationPolicy.class : IdentityReplicationPolicy.class).getName();
        if (value.strip().equals(wanted) || policy == null) {
            return Optional.empty();
        }
        return Optional.of(new Finding(Kind.VALUE_PROBLEM, "'" + key + "' is " + value.strip() + " but the scenario's replication.policy is "
                + policy.keyword() + " (" + wanted + "); a drill supports identity and prefixed: set replication.policy instead"));
    }

    /** Loaded on first use: MirrorMaker's and Connect's config classes take a moment to build. */
    private static final class Definitions {
        static final Map<String, ConfigDef.ConfigKey> CONNECTORS = merged(List.of(
                new MirrorSourceConnector().config(), new MirrorCheckpointConnector().config(), new MirrorHeartbeatConnector().config()));
        static final ConfigDef WORKER = workerDef();
        static final ConfigDef DEDICATED = dedicatedDef();
        /** Keys without an alias: MirrorMaker's own, the connectors' and the worker's. */
        static final Map<String, ConfigDef.ConfigKey> TOP_LEVEL = merged(List.of(DEDICATED, WORKER,
                new MirrorSourceConnector().config(), new MirrorCheckpointConnector().config(), new MirrorHeartbeatConnector().config()));
        /** Keys after {@code primary.} or {@code backup.}: worker, client and connector settings of that cluster. */
        static final Map<String, ConfigDef.ConfigKey> CLUSTER = merged(List.of(DEDICATED, WORKER, ProducerConfig.configDef(),
                ConsumerConfig.configDef(), AdminClientConfig.configDef(), new MirrorSourceConnector().config(),
                new MirrorCheckpointConnector().config(), new MirrorHeartbeatConnector().config()));

        static Map<String, ConfigDef.ConfigKey> clients(String prefix) {
            return switch (prefix) {
                case "producer." -> ProducerConfig.configDef().configKeys();
                case "consumer." -> ConsumerConfig.configDef().configKeys();
                default -> AdminClientConfig.configDef().configKeys();
            };
        }

        private static Map<String, ConfigDef.ConfigKey> merged(List<ConfigDef> definitions) {
            Map<String, ConfigDef.ConfigKey> keys = new LinkedHashMap<>();
            definitions.forEach(definition -> definition.configKeys().forEach(keys::putIfAbsent));
            return keys;
        }

        /*
         * MirrorMaker's dedicated-mode and Connect's worker ConfigDefs are private (and Connect's
         * runtime is not on the compile classpath): read them as Kafka builds them.
         */
        private static ConfigDef dedicatedDef() {
            try {
                Method definition = MirrorMakerConfig.class.getDeclaredMethod("config");
                definition.setAccessible(true);
                return (ConfigDef) definition.invoke(null);
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot read MirrorMaker 2's ConfigDef from this Kafka version", e);
            }
        }

        private static ConfigDef workerDef() {
            try {
                Class<?> crypto = Class.forName("org.apache.kafka.connect.runtime.distributed.Crypto");
                Method definition = Class.forName("org.apache.kafka.connect.runtime.distributed.DistributedConfig")
                        .getDeclaredMethod("config", crypto);
                definition.setAccessible(true);
                return (ConfigDef) definition.invoke(null, crypto.getField("SYSTEM").get(null));
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new IllegalStateException("cannot read Connect's worker ConfigDef from this Kafka version", e);
            }
        }

        private Definitions() {
        }
    }
}
