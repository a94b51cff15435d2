package io.firedrill.replication;

import io.firedrill.support.BadInputException;
import org.apache.kafka.connect.mirror.DefaultReplicationPolicy;
import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;
import org.apache.kafka.connect.mirror.ReplicationPolicy;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** How topic names change on the way to the backup: the scenario's {@code replication.policy}. */
public enum ReplicationPolicyKind {
    /** Same names on both clusters (IdentityReplicationPolicy). No loop protection. */
    IDENTITY(IdentityReplicationPolicy.class),
    /** {@code orders} on primary becomes {@code primary.orders} on backup (DefaultReplicationPolicy). */
    PREFIXED(DefaultReplicationPolicy.class);

    private final Class<? extends ReplicationPolicy> policyClass;

    ReplicationPolicyKind(Class<? extends ReplicationPolicy> policyClass) {
        this.policyClass = policyClass;
    }

    public static ReplicationPolicyKind parse(String name) {
        String wanted = name == null ? "" : name.strip().toUpperCase(Locale.ROOT);
        return Arrays.stream(values()).filter(kind -> kind.name().equals(wanted)).findFirst()
                .orElseThrow(() -> new BadInputException("unknown replication policy '" + name
                        + "': use identity or prefixed"));
    }

    public String policyClassName() {
        return policyClass.getName();
    }

    /** The name a source topic has on the target of a flow from {@code sourceAlias}. */
    public String remoteTopic(String sourceAlias, String topic) {
        return this == IDENTITY ? topic : sourceAlias + DefaultReplicationPolicy.SEPARATOR_DEFAULT + topic;
    }

    /**
     * The topics that hold a primary topic's data on the backup after a failover, oldest data
     * first: with {@code prefixed}, the replica {@code primary.orders} and then the backup's own
     * {@code orders} that producers write to after failover; with {@code identity}, {@code orders}.
     */
    public List<String> backupTopics(String sourceAlias, String topic) {
        return this == IDENTITY ? List.of(topic) : List.of(remoteTopic(sourceAlias, topic), topic);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
