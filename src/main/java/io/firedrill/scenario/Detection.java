package io.firedrill.scenario;

import java.time.Duration;
import java.util.Objects;

/**
 * The disaster detector (a Firedrill extension, key {@code detection}): it probes the primary
 * every {@code probeInterval} and declares it lost after {@code window} without contact.
 */
public record Detection(Duration window, Duration probeInterval) {

    public static final Detection DEFAULT = new Detection(Duration.ofSeconds(3), Duration.ofMillis(250));

    public Detection {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(probeInterval, "probeInterval");
        if (probeInterval.compareTo(window) > 0) {
            throw new IllegalArgumentException("probe interval " + probeInterval + " exceeds window " + window);
        }
    }
}
