package io.firedrill.replication;

import org.apache.kafka.connect.mirror.IdentityReplicationPolicy;

import java.util.Map;

/**
 * The policy of a restore flow, backup to the rebuilt primary: topics get their original names
 * back. With {@code strip.prefix=primary.} the backup's {@code primary.orders} is written to
 * {@code orders}; without a prefix names stay as they are. DefaultReplicationPolicy would refuse
 * {@code primary.orders} as a cycle (its source is the target) and call {@code orders}
 * {@code backup.orders}; IdentityReplicationPolicy cannot strip the prefix.
 *
 * <p>Each restore phase uses one prefix for all its topics, so the mapping is a bijection and
 * MirrorMaker finds every target topic's upstream topic (it re-creates "missing" topics every
 * refresh otherwise). {@link #upstreamTopic} returns a prefixed name unchanged, which ends
 * MirrorMaker's recursive cycle check.
 */
public class RestoreReplicationPolicy extends IdentityReplicationPolicy {

    public static final String STRIP_PREFIX_CONFIG = "replication.policy.restore.strip.prefix";

    private String stripPrefix = "";

    @Override
    public void configure(Map<String, ?> props) {
        super.configure(props);
        Object prefix = props.get(STRIP_PREFIX_CONFIG);
        stripPrefix = prefix == null ? "" : prefix.toString();
    }

    @Override
    public String formatRemoteTopic(String sourceClusterAlias, String topic) {
        if (isHeartbeats(topic)) {
            return super.formatRemoteTopic(sourceClusterAlias, topic);
        }
        return !stripPrefix.isEmpty() && topic.startsWith(stripPrefix) ? topic.substring(stripPrefix.length()) : topic;
    }

    @Override
    public String upstreamTopic(String topic) {
        if (isHeartbeats(topic)) {
            return super.upstreamTopic(topic);
        }
        return stripPrefix.isEmpty() || topic.startsWith(stripPrefix) ? topic : stripPrefix + topic;
    }

    private boolean isHeartbeats(String topic) {
        return topic != null && topic.endsWith(heartbeatsTopic());
    }
}
