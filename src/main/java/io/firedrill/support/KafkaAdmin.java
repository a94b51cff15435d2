package io.firedrill.support;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;

/**
 * The Kafka admin calls every package needs, written once: an admin client on a cluster's client
 * settings, end offsets, and the root cause of a failed call as one line.
 */
public final class KafkaAdmin {

    private KafkaAdmin() {
    }

    /**
     * An admin client on {@code clientProperties} ({@code bootstrap.servers} and security
     * included) whose calls give up after {@code timeout}: a drill must not hang on a dead cluster.
     */
    public static Admin create(Map<String, ?> clientProperties, String clientId, Duration timeout) {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, clientId);
        int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, ms);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.min(ms, 30_000));
        return Admin.create(config);
    }

    /** Each partition's end offset (the offset the next record gets). */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Set<TopicPartition> partitions)
            throws ExecutionException, InterruptedException {
        return endOffsets(admin, partitions, IsolationLevel.READ_UNCOMMITTED);
    }

    /** The same as a reader of {@code isolation} sees it: read_committed stops at the first open transaction. */
    public static Map<TopicPartition, Long> endOffsets(Admin admin, Set<TopicPartition> partitions, IsolationLevel isolation)
            throws ExecutionException, InterruptedException {
        if (partitions.isEmpty()) {
            return Map.of();
        }
        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()));
        return admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all().get().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, entry -> entry.getValue().offset()));
    }

    /** The innermost cause of a failed call, {@code Type: message}: what an operator can act on. */
    public static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = cause.getMessage();
        return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
