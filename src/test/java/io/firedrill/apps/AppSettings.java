package io.firedrill.apps;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

/**
 * How the reference applications read their settings: the drill's {@code FIREDRILL_*} variables,
 * plus any Kafka property as {@code FIREDRILL_KAFKA_<NAME>} ({@code FIREDRILL_KAFKA_METADATA_RECOVERY_STRATEGY=none}
 * sets {@code metadata.recovery.strategy}), so a scenario's {@code env:} can change a client
 * setting without a rebuild, the way a team's deployment overrides its service's configuration.
 */
final class AppSettings {

    private static final String KAFKA_PREFIX = "FIREDRILL_KAFKA_";

    private AppSettings() {
    }

    /** A {@code FIREDRILL_*} variable the drill always sets. */
    static String required(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException(name + " is not set: the drill sets it for every application");
        }
        return value;
    }

    /** The Kafka properties given as {@code FIREDRILL_KAFKA_*}; they win over the application's own defaults. */
    static Map<String, Object> kafkaOverrides(Map<String, String> environment) {
        Map<String, Object> overrides = new HashMap<>();
        environment.forEach((name, value) -> {
            if (name.startsWith(KAFKA_PREFIX) && name.length() > KAFKA_PREFIX.length()) {
                overrides.put(name.substring(KAFKA_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.'), value);
            }
        });
        return overrides;
    }
}
