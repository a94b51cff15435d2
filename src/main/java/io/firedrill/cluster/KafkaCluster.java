package io.firedrill.cluster;

import io.firedrill.support.InfrastructureException;

import java.util.List;
import java.util.Map;

/**
 * A running Kafka cluster. Lifecycle operations act on real brokers; the {@code external}
 * backend refuses them with a clear message. Closing it kills every broker and deletes its data.
 */
public interface KafkaCluster extends AutoCloseable {

    /** The listener the harness itself uses (monitoring, checking); never behind a proxy. */
    String DIRECT = "DIRECT";

    /** Its alias in the drill: primary or backup. */
    String name();

    String backend();

    List<KafkaBroker> brokers();

    default KafkaBroker broker(int id) {
        List<KafkaBroker> all = brokers();
        if (id < 0 || id >= all.size()) {
            throw new IllegalArgumentException(name() + " has brokers 0.." + (all.size() - 1) + ", not " + id);
        }
        return all.get(id);
    }

    /** Bootstrap servers of the harness's own unproxied path. */
    default String bootstrapServers() {
        return bootstrapServers(DIRECT);
    }

    /** Bootstrap servers of one listener: what a client of that path is given. */
    String bootstrapServers(String listener);

    /** Client properties every client of this cluster needs (security for external clusters); none for the clusters Firedrill starts. */
    default Map<String, Object> clientProperties() {
        return Map.of();
    }

    /** True when brokers can be stopped, killed, paused and wiped: every cluster Firedrill starts itself. */
    default boolean managesBrokers() {
        return true;
    }

    /** SIGKILL every broker at once: the cluster outage fault. */
    void killAll();

    /** Start every broker that is not running, on its data, and wait until the cluster serves. */
    void startAll();

    /** Kill every broker, delete all data, start them empty as a new cluster: a rebuilt site. */
    void rebuildEmpty();

    /** Log tails of every broker, for error reports. */
    List<InfrastructureException.LogExcerpt> logTails(int lines);

    @Override
    void close();
}
