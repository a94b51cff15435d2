package io.firedrill.scenario;

import java.util.Objects;

/** A consumer group member reading {@code topic}; it follows the clients on failover and failback. */
public record ConsumerSpec(String group, String topic) {

    public ConsumerSpec {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(topic, "topic");
    }
}
