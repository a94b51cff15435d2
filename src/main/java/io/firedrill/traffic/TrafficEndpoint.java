package io.firedrill.traffic;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where traffic goes: a cluster's alias (as the ledger and reports name it), its bootstrap
 * servers, the kafka-clients properties its clients need (security and the like; they pass
 * through unchanged) and how the drill's logical topics are found there: where producers write
 * and what consumers read, oldest data first (absent = the topic itself, as with MirrorMaker 2's
 * identity policy; with the prefixed policy after failover producers write the backup's own
 * {@code orders} and groups read {@code primary.orders} then {@code orders}).
 */
public record TrafficEndpoint(String alias, String bootstrapServers, Map<String, String> clientProperties,
                              Map<String, TopicRoute> routes) {

    /** One logical topic on this cluster. */
    public record TopicRoute(String produceTo, List<String> consumeFrom) {
        public TopicRoute {
            Objects.requireNonNull(produceTo, "produceTo");
            consumeFrom = List.copyOf(consumeFrom);
            if (consumeFrom.isEmpty()) {
                throw new IllegalArgumentException("a topic route needs at least one topic to consume from");
            }
        }
    }

    public TrafficEndpoint {
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        clientProperties = Map.copyOf(clientProperties);
        routes = Map.copyOf(routes);
    }

    public static TrafficEndpoint of(String alias, String bootstrapServers) {
        return new TrafficEndpoint(alias, bootstrapServers, Map.of(), Map.of());
    }

    /** The same address, now reaching the cluster called {@code clusterAlias} (an address flip). */
    public TrafficEndpoint reaching(String clusterAlias) {
        return new TrafficEndpoint(clusterAlias, bootstrapServers, clientProperties, routes);
    }

    public TrafficEndpoint withClientProperties(Map<String, String> properties) {
        return new TrafficEndpoint(alias, bootstrapServers, properties, routes);
    }

    public TrafficEndpoint withRoutes(Map<String, TopicRoute> topicRoutes) {
        return new TrafficEndpoint(alias, bootstrapServers, clientProperties, topicRoutes);
    }

    /** This cluster's topic producers of a logical topic write to. */
    public String topic(String logicalTopic) {
        TopicRoute route = routes.get(logicalTopic);
        return route == null ? logicalTopic : route.produceTo();
    }

    /** The topics consumers of a logical topic read on this cluster, oldest data first. */
    public List<String> consumerTopics(String logicalTopic) {
        TopicRoute route = routes.get(logicalTopic);
        return route == null ? List.of(logicalTopic) : route.consumeFrom();
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
