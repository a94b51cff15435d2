package io.firedrill.scenario;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One of the two clusters: how many brokers (KRaft nodes) and which broker properties the
 * scenario overrides, in file order, values as written.
 */
public record ClusterSpec(ClusterRole role, int brokers, Map<String, String> config) {

    public static final int MIN_BROKERS = 1;
    public static final int MAX_BROKERS = 5;

    public ClusterSpec {
        Objects.requireNonNull(role, "role");
        if (brokers < MIN_BROKERS || brokers > MAX_BROKERS) {
            throw new IllegalArgumentException("brokers must be " + MIN_BROKERS + ".." + MAX_BROKERS + ", got " + brokers);
        }
        config = Collections.unmodifiableMap(new LinkedHashMap<>(config));
    }
}
