package io.firedrill.replication;

import org.apache.kafka.common.Configurable;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.mirror.ReplicationPolicy;

import java.util.Map;

/**
 * The policy every Firedrill MirrorMaker runs: the flow's own policy (identity, prefixed, restore)
 * for user topics, but MirrorMaker's heartbeats, checkpoints and offset-syncs topics carry the
 * run's tag. MirrorMaker takes those three names only from its replication policy (there is no
 * key for them), and with Kafka's names two drills on the same clusters, or a drill and the team's
 * own MirrorMaker, would read each other's heartbeats as their own, and a failback would delete
 * the other's checkpoints and offset syncs.
 *
 * <p>Names, for run {@code fd-1a2b3c4d} and source {@code primary} (default separator):
 * {@code heartbeats-fd-1a2b3c4d} (no separator in it: the prefixed policy would read a dotted name
 * as a remote topic), {@code primary.fd-1a2b3c4d.checkpoints.internal},
 * {@code mm2-offset-syncs.primary.fd-1a2b3c4d.internal}. The suffixes that make MirrorMaker treat
 * them as internal topics are the delegate's.
 */
public class RunTaggedReplicationPolicy implements ReplicationPolicy, Configurable {

    /** The flow's own policy class. */
    public static final String DELEGATE_CONFIG = "replication.policy.firedrill.delegate.class";
    /** The run's tag ({@link io.firedrill.support.RunTag}). */
    public static final String RUN_CONFIG = "replication.policy.firedrill.run";

    private ReplicationPolicy delegate;
    private String run;

    @Override
    public void configure(Map<String, ?> props) {
        Object delegateClass = props.get(DELEGATE_CONFIG);
        Object tag = props.get(RUN_CONFIG);
        if (delegateClass == null || tag == null) {
            throw new KafkaException(getClass().getSimpleName() + " needs " + DELEGATE_CONFIG + " and " + RUN_CONFIG);
        }
        try {
            delegate = Utils.newInstance(delegateClass.toString(), ReplicationPolicy.class);
        } catch (ClassNotFoundException e) {
            throw new KafkaException("replication policy " + delegateClass + " is not on the classpath", e);
        }
        if (delegate instanceof Configurable configurable) {
            configurable.configure(props);
        }
        run = tag.toString();
    }

    /** The run's tag. */
    String run() {
        return run;
    }

    @Override
    public String formatRemoteTopic(String sourceClusterAlias, String topic) {
        return delegate.formatRemoteTopic(sourceClusterAlias, topic);
    }

    @Override
    public String topicSource(String topic) {
        return delegate.topicSource(topic);
    }

    @Override
    public String upstreamTopic(String topic) {
        return delegate.upstreamTopic(topic);
    }

    @Override
    public String originalTopic(String topic) {
        return delegate.originalTopic(topic);
    }

    @Override
    public String heartbeatsTopic() {
        return delegate.heartbeatsTopic() + "-" + run;
    }

    @Override
    public String offsetSyncsTopic(String clusterAlias) {
        return delegate.offsetSyncsTopic(clusterAlias + "." + run);
    }

    @Override
    public String checkpointsTopic(String clusterAlias) {
        return delegate.checkpointsTopic(clusterAlias + "." + run);
    }

    @Override
    public boolean isHeartbeatsTopic(String topic) {
        return heartbeatsTopic().equals(originalTopic(topic));
    }

    @Override
    public boolean isCheckpointsTopic(String topic) {
        return delegate.isCheckpointsTopic(topic);
    }

    @Override
    public boolean isMM2InternalTopic(String topic) {
        return delegate.isMM2InternalTopic(topic);
    }

    @Override
    public boolean isInternalTopic(String topic) {
        return delegate.isInternalTopic(topic);
    }
}
