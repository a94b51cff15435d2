package io.firedrill.replication;

import java.util.List;

/**
 * Where the clients of one primary topic go on the backup after failover: producers write to
 * {@code produceTo}; consumer groups read {@code consumeFrom}, oldest data first. With
 * {@code identity} both are the topic itself; with {@code prefixed} producers write the backup's
 * own {@code orders} and groups read {@code primary.orders} (up to the disaster) and {@code orders}.
 */
public record ClientRoute(String primaryTopic, String produceTo, List<String> consumeFrom) {

    public ClientRoute {
        consumeFrom = List.copyOf(consumeFrom);
    }

    static ClientRoute of(ReplicationFlow forward, String topic) {
        return new ClientRoute(topic, topic, forward.policy().backupTopics(forward.source().alias(), topic));
    }
}
