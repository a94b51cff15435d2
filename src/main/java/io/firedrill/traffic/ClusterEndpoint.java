package io.firedrill.traffic;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where traffic goes: a cluster's alias (as the ledger and reports name it), its bootstrap
 * servers, the kafka-clients properties its clients need (security and the like; they pass
 * through unchanged) and how it names the drill's logical topics (absent = the same name, as with
 * MirrorMaker 2's identity policy; {@code orders -> primary.orders} for the prefixed policy).
 */
public record ClusterEndpoint(String alias, String bootstrapServers, Map<String, String> clientProperties,
                              Map<String, String> topicNames) {

    public ClusterEndpoint {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
        topicNames = Map.copyOf(topicNames);
    }

    public static ClusterEndpoint of(String alias, String bootstrapServers) {
        return new ClusterEndpoint(alias, bootstrapServers, Map.of(), Map.of());
    }

    public ClusterEndpoint withClientProperties(Map<String, String> properties) {
        return new ClusterEndpoint(alias, bootstrapServers, properties, topicNames);
    }

    public ClusterEndpoint withTopicNames(Map<String, String> names) {
        return new ClusterEndpoint(alias, bootstrapServers, clientProperties, names);
    }

    /** This cluster's name for a logical topic. */
    public String topic(String logicalTopic) {
        return topicNames.getOrDefault(logicalTopic, logicalTopic);
    }

    /**
     * Client configuration: the harness's {@code defaults}, then a drill's {@code overrides}, then
     * this cluster's own properties and bootstrap servers, each winning over the previous.
     */
    Map<String, Object> clientConfig(Map<String, ?> defaults, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>(defaults);
        config.putAll(overrides);
        config.putAll(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
