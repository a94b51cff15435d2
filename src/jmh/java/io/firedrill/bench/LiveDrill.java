package io.firedrill.bench;

import io.firedrill.cluster.KafkaCluster;
import io.firedrill.drill.DrillEnvironment;
import io.firedrill.drill.ReplicationEngine;
import io.firedrill.fault.ActiveFault;
import io.firedrill.fault.FaultInjector;
import io.firedrill.fault.NetworkPath;
import io.firedrill.replication.DisasterDetector;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.FailoverOffsets;
import io.firedrill.scenario.ConsumerSpec;
import io.firedrill.scenario.FaultType;
import io.firedrill.scenario.ProducerSpec;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.TopicSpec;
import io.firedrill.traffic.TrafficEndpoint;
import io.firedrill.traffic.ConsumerGroupSettings;
import io.firedrill.traffic.ProducerSettings;
import io.firedrill.traffic.TrafficConsumerGroup;
import io.firedrill.traffic.TrafficProducer;
import io.firedrill.verify.CheckReport;
import io.firedrill.verify.Checker;
import io.firedrill.verify.ClusterContentsReader;
import io.firedrill.verify.Ledger;
import io.firedrill.verify.StoredRecords;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A drill taken apart so that benchmarks can time its phases: the scenario's environment
 * (proxies, clusters, topics, MirrorMaker 2 replicating), its producers and groups with their
 * ledger, the disaster detector and the nemesis, driven through the harness's public API the way
 * {@code drill run} drives them. A figure timed here is the figure a drill of this scenario reports.
 */
final class LiveDrill implements AutoCloseable {

    /** What drills give a client leaving a cluster (TrafficFleet's leave timeout). */
    private static final Duration LEAVE = Duration.ofMillis(500);

    private final Scenario scenario;
    private final DrillEnvironment environment;
    private final Ledger ledger = Ledger.create();
    private final FaultInjector faults;
    private final List<TrafficProducer> producers = new ArrayList<>();
    private final List<TrafficConsumerGroup> groups = new ArrayList<>();
    private final List<DisasterDetector> detectors = new ArrayList<>();
    private ClusterRole clientsOn = ClusterRole.PRIMARY;

    private LiveDrill(Scenario scenario, DrillEnvironment environment) {
        this.scenario = scenario;
        this.environment = environment;
        this.faults = new FaultInjector(environment.site().network(), new Surroundings(), System::currentTimeMillis);
    }

    /** Boots the scenario's environment and waits until replication is healthy. */
    static LiveDrill start(Scenario scenario) {
        LiveDrill drill = new LiveDrill(scenario, DrillEnvironment.start(scenario, BenchScenario.options()));
        try {
            drill.replication().awaitHealthy(Waits.STEP);
            return drill;
        } catch (RuntimeException e) {
            drill.close();
            throw e;
        }
    }

    /** Starts the scenario's producers on the primary. */
    LiveDrill startProducers() {
        int index = 0;
        for (ProducerSpec spec : scenario.traffic().producers()) {
            index++;
            producers.add(TrafficProducer.start(ProducerSettings.from("producer-" + index + "-" + spec.topic(), spec)
                    .withCloseTimeout(LEAVE), ledger, endpoint(ClusterRole.PRIMARY)));
        }
        return this;
    }

    /** Starts the scenario's producers and consumer groups on the primary. */
    LiveDrill startTraffic() {
        startProducers();
        for (ConsumerSpec spec : scenario.traffic().consumers()) {
            groups.add(TrafficConsumerGroup.start(ConsumerGroupSettings.from(spec).withCloseTimeout(LEAVE), ledger,
                    endpoint(ClusterRole.PRIMARY), Map.of()));
        }
        return this;
    }

    /**
     * Writes at least {@code records} drill records to a topic on the primary as fast as it takes
     * them, through the clients' path, and waits until replication has copied them to the backup.
     */
    void fill(String topic, int records) {
        BulkLoad.send("fill-" + topic, topic, records, ledger, endpoint(ClusterRole.PRIMARY));
        replication().awaitCaughtUp(Waits.STEP);
    }

    /** How MirrorMaker 2 reaches a cluster in this drill: the replication-link proxies. */
    io.firedrill.replication.ReplicationEndpoint replicationLink(ClusterRole role) {
        return new io.firedrill.replication.ReplicationEndpoint(role.keyword(),
                environment.site().bootstrapServers(role, NetworkPath.REPLICATION), clientProperties(role));
    }

    /** A new disaster detector on the clients' path to the primary, with the scenario's window, answered at least once. */
    DisasterDetector watchPrimary() {
        DisasterDetector detector = DisasterDetector.start("primary", clientBootstrap(ClusterRole.PRIMARY),
                cluster(ClusterRole.PRIMARY).clientProperties(), scenario.detection());
        detectors.add(detector);
        Waits.until(detector::reachable, "the detector's first answer from the primary");
        return detector;
    }

    /** Injects the scenario's fault of this type, as its fault step does. */
    ActiveFault inject(FaultType type) {
        return faults.inject(BenchScenario.fault(type));
    }

    void heal(ActiveFault fault) {
        faults.heal(fault);
    }

    /**
     * The drill's failover step: clients abandon the lost primary, replication is fenced and the
     * groups' offsets translated, then producers and groups move to the backup together.
     */
    void failover() {
        List<Runnable> leave = new ArrayList<>();
        producers.forEach(producer -> leave.add(() -> producer.pause(Duration.ZERO)));
        groups.forEach(group -> leave.add(() -> group.pause(Duration.ZERO)));
        leave.parallelStream().forEach(Runnable::run);
        ReplicationEngine.GroupOffsets offsets = replication().failover(groups.stream().map(TrafficConsumerGroup::groupId).toList(),
                FailoverOffsets.LAST_SEEN);
        TrafficEndpoint backup = endpoint(ClusterRole.BACKUP);
        List<Runnable> moves = new ArrayList<>();
        producers.forEach(producer -> moves.add(() -> producer.repoint(backup)));
        groups.forEach(group -> moves.add(() -> group.repoint(backup, offsets.offsets().getOrDefault(group.groupId(), Map.of()))));
        moves.parallelStream().forEach(Runnable::run);
        clientsOn = ClusterRole.BACKUP;
    }

    /** Waits until a group has processed a record read from the cluster at or after {@code sinceEpochMs}. */
    long awaitProcessedOn(ClusterRole role, long sinceEpochMs) {
        Waits.until(() -> ledger.firstProcessedOn(role.keyword(), sinceEpochMs).isPresent(),
                "a group processing records from the " + role.keyword());
        return ledger.firstProcessedOn(role.keyword(), sinceEpochMs).getAsLong();
    }

    /**
     * The drill's verify phase: producers stop, groups drain, and the checker compares the ledger
     * with what the cluster the clients ended on holds.
     */
    CheckReport check() {
        producers.forEach(TrafficProducer::close);
        groups.forEach(group -> group.awaitCaughtUp(Waits.STEP));
        StoredRecords stored = new StoredRecords(ledger, clientsOn.keyword());
        KafkaCluster cluster = cluster(clientsOn);
        Map<String, Object> client = new HashMap<>(cluster.clientProperties());
        client.put("bootstrap.servers", cluster.bootstrapServers());
        List<String> topics = scenario.topics().stream()
                .flatMap(topic -> replication().physicalTopics(clientsOn, topic.name()).stream()).distinct().toList();
        ClusterContentsReader.readAll(client, topics, stored, Waits.STEP);
        return Checker.check(ledger, stored);
    }

    Ledger ledger() {
        return ledger;
    }

    ReplicationEngine replication() {
        return environment.replication();
    }

    KafkaCluster cluster(ClusterRole role) {
        return environment.site().cluster(role);
    }

    /** Where the drill's clients connect to a cluster (its clients->… proxies), and the scenario's topics there. */
    private TrafficEndpoint endpoint(ClusterRole role) {
        Map<String, TrafficEndpoint.TopicRoute> routes = new HashMap<>();
        for (TopicSpec topic : scenario.topics()) {
            routes.put(topic.name(), new TrafficEndpoint.TopicRoute(topic.name(), replication().physicalTopics(role, topic.name())));
        }
        return new TrafficEndpoint(role.keyword(), clientBootstrap(role), clientProperties(role), routes);
    }

    private Map<String, String> clientProperties(ClusterRole role) {
        Map<String, String> properties = new HashMap<>();
        cluster(role).clientProperties().forEach((key, value) -> properties.put(key, String.valueOf(value)));
        return properties;
    }

    private String clientBootstrap(ClusterRole role) {
        return environment.site().bootstrapServers(role, NetworkPath.CLIENTS);
    }

    /** Tears down in the drill's order: clients, detectors, faults healed, environment; every part is attempted. */
    @Override
    public void close() {
        List<AutoCloseable> parts = new ArrayList<>(producers);
        parts.addAll(groups);
        parts.addAll(detectors);
        parts.add(faults);
        parts.add(environment);
        RuntimeException first = null;
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                first = first == null ? new IllegalStateException("tearing down the drill: " + e.getMessage(), e) : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }

    private final class Surroundings implements FaultInjector.Surroundings {
        @Override
        public KafkaCluster cluster(ClusterRole role) {
            return LiveDrill.this.cluster(role);
        }

        @Override
        public void killMirrorMaker() {
            replication().kill();
        }

        @Override
        public void startMirrorMaker() {
            replication().restart();
        }

        @Override
        public void restartMirrorMakerWithClockOffset(Duration offset) {
            replication().restartWithClockOffset(offset);
        }
    }
}
