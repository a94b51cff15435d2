package io.firedrill.scenario;

import java.util.Optional;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.server.config.AbstractKafkaConfig;

/**
 * Checks a cluster's {@code config:} overrides against the broker properties of the Kafka on the
 * classpath: Kafka only logs unknown properties, so a misspelt override would silently not apply.
 */
final class BrokerProperties {

    /** Set by Firedrill per broker (KRaft roles and quorum, listeners behind the proxies, data dirs). */
    static final Set<String> MANAGED = Set.of("process.roles", "node.id", "broker.id", "controller.quorum.voters",
            "controller.quorum.bootstrap.servers", "controller.listener.names", "inter.broker.listener.name",
            "listeners", "advertised.listeners", "listener.security.protocol.map", "log.dirs", "log.dir",
            "metadata.log.dir");

    private BrokerProperties() {
    }

    /** Why {@code key} cannot be overridden, if it cannot: Firedrill sets it, or Kafka does not know it. */
    static Optional<String> keyProblem(String key) {
        if (MANAGED.contains(key)) {
            return Optional.of("'" + key + "' is set by Firedrill for each broker (KRaft quorum, listeners behind the"
                    + " proxies, data directories); remove it from config");
        }
        if (Definitions.BROKER.configKeys().containsKey(key) || key.startsWith("listener.name.")) {
            return Optional.empty();
        }
        return Optional.of("'" + key + "' is not a Kafka broker property" + Suggestions.didYouMean(key, Definitions.BROKER.names()));
    }

    /** Kafka's own complaint about {@code value} for the known property {@code key}, if any. */
    static Optional<String> valueProblem(String key, String value) {
        ConfigDef.ConfigKey definition = Definitions.BROKER.configKeys().get(key);
        if (definition == null) {
            return Optional.empty();
        }
        try {
            Object parsed = ConfigDef.parseType(key, value, definition.type);
            if (definition.validator != null) {
                definition.validator.ensureValid(key, parsed);
            }
            return Optional.empty();
        } catch (ConfigException e) {
            return Optional.of(e.getMessage());
        }
    }

    /** Loaded on first use: Kafka's config classes cost a few hundred milliseconds. */
    private static final class Definitions {
        static final ConfigDef BROKER = AbstractKafkaConfig.CONFIG_DEF;
    }
}
