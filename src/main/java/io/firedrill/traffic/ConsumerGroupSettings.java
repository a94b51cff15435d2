package io.firedrill.traffic;

import io.firedrill.scenario.ConsumerSpec;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One traffic consumer group of a drill: one member, one thread.
 *
 * @param groupId          the Kafka group id and the ledger's group name
 * @param topics           the logical topics it reads; each cluster's {@link TrafficEndpoint#topic} maps them
 * @param commitInterval   how often processed offsets are committed (MirrorMaker 2 checkpoints what is committed)
 * @param closeTimeout     how long the final commit and the close may take, each, when leaving a cluster
 * @param clientProperties kafka-clients consumer properties a drill adds; they override the harness defaults
 */
public record ConsumerGroupSettings(String groupId, List<String> topics, Duration commitInterval,
                                    Duration closeTimeout, Map<String, String> clientProperties) {

    public ConsumerGroupSettings {
        Objects.requireNonNull(groupId, "groupId");
        topics = List.copyOf(topics);
        if (topics.isEmpty()) {
            throw new IllegalArgumentException("consumer group " + groupId + " reads no topic; give it at least one");
        }
        commitInterval = commitInterval == null ? Duration.ofMillis(250) : commitInterval;
        closeTimeout = closeTimeout == null ? Duration.ofSeconds(2) : closeTimeout;
        clientProperties = Map.copyOf(clientProperties == null ? Map.of() : clientProperties);
    }

    /** Commits every 250 ms, leaves a cluster within 2 s. */
    public static ConsumerGroupSettings of(String groupId, String... topics) {
        return new ConsumerGroupSettings(groupId, List.of(topics), null, null, Map.of());
    }

    /** A scenario file's consumer group. */
    public static ConsumerGroupSettings from(ConsumerSpec spec) {
        return of(spec.group(), spec.topic());
    }

    public ConsumerGroupSettings withCommitInterval(Duration interval) {
        return new ConsumerGroupSettings(groupId, topics, interval, closeTimeout, clientProperties);
    }

    public ConsumerGroupSettings withCloseTimeout(Duration timeout) {
        return new ConsumerGroupSettings(groupId, topics, commitInterval, timeout, clientProperties);
    }

    public ConsumerGroupSettings withClientProperties(Map<String, String> properties) {
        return new ConsumerGroupSettings(groupId, topics, commitInterval, closeTimeout, properties);
    }
}
