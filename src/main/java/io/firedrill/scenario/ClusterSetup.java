package io.firedrill.scenario;

import io.firedrill.kafka.KafkaVersion;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One of the two clusters: how many brokers (KRaft nodes), which broker properties the
 * scenario overrides, in file order, values as written, and the Kafka release its brokers run.
 */
public record ClusterSetup(ClusterRole role, int brokers, Map<String, String> config, KafkaVersion kafka) {

    public static final int MIN_BROKERS = 1;
    public static final int MAX_BROKERS = 5;

    public ClusterSetup {
        Objects.requireNonNull(role, "role");
        if (brokers < MIN_BROKERS || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException("brokers must be " + MIN_BROKERS + ".." + MAX_BROKERS + ", got " + brokers);
        }
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
        Objects.requireNonNull(kafka, "kafka");
    }

    /** On the harness's own Kafka. */
    public ClusterSetup(ClusterRole role, int brokers, Map<String, String> config) {
        this(role, brokers, config, KafkaVersion.HARNESS);
    }

    public ClusterSetup withKafka(KafkaVersion version) {
        return new ClusterSetup(role, brokers, config, version);
    }
}
