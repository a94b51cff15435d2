package io.firedrill.drill;

import io.firedrill.scenario.ConsumerSpec;
import io.firedrill.scenario.ProducerSpec;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.TopicSpec;
import io.firedrill.traffic.TrafficEndpoint;
import io.firedrill.traffic.ConsumerGroupSettings;
import io.firedrill.traffic.ProducerSettings;
import io.firedrill.traffic.TrafficConsumerGroup;
import io.firedrill.traffic.TrafficProducer;
import io.firedrill.verify.Ledger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.TopicPartition;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The drill's clients: every producer and consumer group of the scenario, with stable identities
 * in the ledger, moved together between clusters on failover and failback.
 */
final class TrafficFleet implements AutoCloseable {

    /** How long a client leaving a cluster may take to commit and close. */
    static final Duration LEAVE_TIMEOUT = Duration.ofMillis(500);

    private final Scenario scenario;
    private final Ledger ledger;
    /** Copy-on-write: a late topic's producers join while a failover may be moving the others. */
    private final List<TrafficProducer> producers = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final List<TrafficConsumerGroup> groups = new ArrayList<>();
    private volatile boolean producing;

    private TrafficFleet(Scenario scenario, Ledger ledger) {
        this.scenario = scenario;
        this.ledger = ledger;
    }

    /** Every client of the scenario, started on the cluster behind {@code endpoint}; closing stops them. */
    static TrafficFleet start(Scenario scenario, Ledger ledger, TrafficEndpoint endpoint) {
        TrafficFleet fleet = new TrafficFleet(scenario, ledger);
        try {
            fleet.startClients(endpoint);
        } catch (RuntimeException e) {
            fleet.close(); // the clients already started must not outlive a fleet nobody holds
            throw e;
        }
        return fleet;
    }

    private void startClients(TrafficEndpoint endpoint) {
        Map<String, String> recovery = metadataRecovery(scenario);
        int index = 0;
        for (ProducerSpec spec : scenario.traffic().producers()) {
            index++;
            if (createdLater(spec.topic())) {
                continue; // started by startProducersOf once the topic exists
            }
            producers.add(TrafficProducer.start(ProducerSettings.from("producer-" + index + "-" + spec.topic(), spec)
                    .withCloseTimeout(LEAVE_TIMEOUT).withClientProperties(recovery), ledger, endpoint));
        }
        for (ConsumerSpec spec : scenario.traffic().consumers()) {
            groups.add(TrafficConsumerGroup.start(ConsumerGroupSettings.from(spec).withCloseTimeout(LEAVE_TIMEOUT)
                    .withClientProperties(recovery), ledger, endpoint, Map.of()));
        }
        producing = !producers.isEmpty();
    }

    /**
     * Redirected clients find the other cluster through Kafka's own metadata recovery: with
     * {@code rebootstrap} a client that has lost every broker it knew goes back to its bootstrap
     * address (KIP-899), with {@code none} it keeps asking the brokers it knew. Moved clients
     * keep kafka-clients' default, since the harness hands them the other cluster.
     */
    static Map<String, String> metadataRecovery(Scenario scenario) {
        return scenario.clientFailover().filter(failover -> scenario.redirectsClients())
                .map(failover -> Map.of(CommonClientConfigs.METADATA_RECOVERY_STRATEGY_CONFIG,
                        failover.rebootstrap() ? "rebootstrap" : "none"))
                .orElse(Map.of());
    }

    /** The active address now reaches {@code clusterAlias}'s cluster: every client's acks and records count there. */
    void redirected(String clusterAlias) {
        producers.forEach(producer -> producer.redirected(clusterAlias));
        groups.forEach(group -> group.redirected(clusterAlias));
    }

    /**
     * Moves every client at once: producers continue their sequences there, each group resumes
     * from the offsets given for it (its committed offsets there when none). Old clients get
     * {@link #LEAVE_TIMEOUT} to settle, the way an application that fails over does not wait for
     * a dead cluster.
     */
    void repoint(TrafficEndpoint endpoint, Map<String, Map<TopicPartition, Long>> offsets) {
        List<Runnable> moves = new ArrayList<>();
        if (producing) {
            producers.forEach(producer -> moves.add(() -> producer.repoint(endpoint)));
        }
        groups.forEach(group -> moves.add(() -> group.repoint(endpoint, offsets.getOrDefault(group.groupId(), Map.of()))));
        moves.parallelStream().forEach(Runnable::run);
    }

    /**
     * Quiets the cluster the clients are on: producers stop sending and groups leave it, committed.
     * Clients leaving a cluster known lost abandon it at once, as an application failing over
     * does not wait for a dead cluster.
     */
    void pause(boolean clusterLost) {
        Duration leave = clusterLost ? Duration.ZERO : LEAVE_TIMEOUT;
        List<Runnable> pauses = new ArrayList<>();
        if (producing) {
            producers.forEach(producer -> pauses.add(() -> producer.pause(leave)));
        }
        groups.forEach(group -> pauses.add(() -> group.pause(leave)));
        pauses.parallelStream().forEach(Runnable::run);
    }

    List<TrafficConsumerGroup> groups() {
        return List.copyOf(groups);
    }

    List<TrafficProducer> producers() {
        return List.copyOf(producers);
    }

    boolean producing() {
        return producing;
    }

    private boolean createdLater(String topic) {
        return scenario.topic(topic).flatMap(TopicSpec::createAfter).isPresent();
    }

    /** Starts the producers of a topic created mid-drill ({@code create-after}), named as if they had started with the others. */
    synchronized void startProducersOf(String topic, TrafficEndpoint endpoint) {
        if (!producing) {
            return; // traffic already stopped
        }
        Map<String, String> recovery = metadataRecovery(scenario);
        List<ProducerSpec> specs = scenario.traffic().producers();
        for (int i = 0; i < specs.size(); i++) {
            ProducerSpec spec = specs.get(i);
            if (spec.topic().equals(topic)) {
                producers.add(TrafficProducer.start(ProducerSettings.from("producer-" + (i + 1) + "-" + spec.topic(), spec)
                        .withCloseTimeout(LEAVE_TIMEOUT).withClientProperties(recovery), ledger, endpoint));
            }
        }
    }

    /** Stops the producers (their in-flight sends resolve or become unknown); groups keep consuming. */
    synchronized void stopProducers() {
        if (producing) {
            producing = false;
            producers.parallelStream().forEach(TrafficProducer::close);
        }
    }

    /** Waits until every group has processed what is on its cluster now. */
    void awaitGroupsCaughtUp(Duration timeout) {
        groups.parallelStream().forEach(group -> group.awaitCaughtUp(timeout));
    }

    @Override
    public void close() {
        stopProducers();
        groups.parallelStream().forEach(TrafficConsumerGroup::close);
    }
}
