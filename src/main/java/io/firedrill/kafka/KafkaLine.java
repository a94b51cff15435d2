package io.firedrill.kafka;

import java.util.Map;

/**
 * What differs between Kafka release lines, in this one place. Everything else Firedrill does is
 * the same from 3.6 to 4.3: every node is broker and controller with a static voter list
 * ({@code controller.quorum.voters}, which every line reads, so storage needs no
 * {@code --standalone}, a flag 3.6 to 3.8 do not have), the main classes ({@code kafka.Kafka},
 * {@code kafka.tools.StorageTool}, {@code org.apache.kafka.connect.mirror.MirrorMaker}), the
 * classic group protocol the harness's clients speak, and logging through the slf4j 1.7 API.
 */
public enum KafkaLine {
    /** 3.6 to 3.9: KRaft beside ZooKeeper mode (never used here); no share groups. */
    KRAFT_3,
    /** 4.0 on: KRaft only, with the share-group coordinator and its state topic. */
    KRAFT_4;

    /**
     * The slf4j binding child JVMs log through: every line's Kafka jars call the slf4j 1.7 API and
     * ship no binding of their own (the distributions add one to libs/), and logback 1.2 is the
     * 1.7 binding that reads the harness's own logback configurations, so broker and MirrorMaker
     * logs look alike, and carry the same lines the harness waits for, on every version.
     */
    public static final String LOGGING_BINDING = "ch.qos.logback:logback-classic:1.2.13";

    static KafkaLine of(KafkaVersion version) {
        return version.major() < 4 ? KRAFT_3 : KRAFT_4;
    }

    /**
     * Sizes of the internal topics only this line has; 3.x would log the share-coordinator
     * keys as unknown, which reads like a misconfiguration in a drill's broker log.
     */
    public Map<String, String> internalTopicSettings(int replicationFactor, int minInsyncReplicas) {
        return switch (this) {
            case KRAFT_3 -> Map.of();
            case KRAFT_4 -> Map.of(
                    "share.coordinator.state.topic.replication.factor", Integer.toString(replicationFactor),
                    "share.coordinator.state.topic.min.isr", Integer.toString(minInsyncReplicas));
        };
    }
}
