package io.firedrill.drill;

import io.firedrill.cluster.ClusterBackend;
import io.firedrill.cluster.external.TeamMirrorMaker;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.fault.DrillNetwork;
import io.firedrill.fault.HostFaultSupport;
import io.firedrill.fault.NetworkPath;
import io.firedrill.fault.toxiproxy.ToxiproxyBackend;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.FaultType;
import io.firedrill.scenario.Scenario;
import io.firedrill.scenario.Step;
import io.firedrill.scenario.Target;
import io.firedrill.scenario.TopicSpec;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The infrastructure of one drill: Toxiproxy, the proxies of every path, and the primary and
 * backup clusters with the scenario's topics. Both clusters boot in parallel. Closing it tears
 * everything down, whatever state it is in.
 */
public final class DrillSite implements AutoCloseable {

    /**
     * Each broker's own log filesystem when a storage fault may hit it: far more than a drill
     * writes (minutes at a few thousand small records a second), little enough that filling it
     * costs the shared machine no more RAM than a broker's heap.
     */
    static final int OWN_DISK_MB = 256;

    private final Scenario scenario;
    private final ClusterBackend backend;
    private final ToxiproxyBackend toxiproxy;
    private final DrillNetwork network;
    private final Map<ClusterRole, KafkaCluster> clusters = new LinkedHashMap<>();

    private DrillSite(Scenario scenario, ClusterBackend backend, ToxiproxyBackend toxiproxy) {
        this.scenario = scenario;
        this.backend = backend;
        this.toxiproxy = toxiproxy;
        this.network = toxiproxy == null ? null : new DrillNetwork(toxiproxy.client());
    }

    /** Starts everything the scenario needs before traffic: proxies, clusters, topics. */
    public static DrillSite start(Scenario scenario, DrillOptions options) {
        ClusterBackend backend = ClusterBackend.named(options.backend());
        refuseNetworkFaultsWithoutProxies(scenario, backend);
        refuseHostFaultsItCannotInject(scenario, backend);
        refuseStepsTheTeamsMirrorMakerCannotTake(scenario, backend);
        ToxiproxyBackend toxiproxy = backend.supportsProxies() ? ToxiproxyBackend.named(options.toxiproxy()) : null;
        DrillSite site = new DrillSite(scenario, backend, toxiproxy);
        try {
            site.startClusters();
            site.createTopics();
            return site;
        } catch (RuntimeException e) {
            site.close();
            throw e;
        }
    }

    private static void refuseNetworkFaultsWithoutProxies(Scenario scenario, ClusterBackend backend) {
        if (backend.supportsProxies()) {
            return;
        }
        scenario.clientFailover().filter(failover -> scenario.redirectsClients()).ifPresent(failover -> {
            throw new BadInputException(scenario.name() + ": step " + failover.index() + " (line " + failover.line() + ":"
                    + failover.source().column() + ") redirects the clients, but the " + backend.name() + " backend has"
                    + " no active address to flip (it cannot put proxies in front of the clusters); use the process or"
                    + " testcontainers backend, or 'clients: move'");
        });
        for (Step step : scenario.steps()) {
            if (step instanceof Step.Fault fault && fault.type().isNetwork()) {
                throw new BadInputException(scenario.name() + ": step " + step.index() + " (line " + step.line() + ") is a "
                        + fault.type().keyword() + " fault, but the " + backend.name() + " backend cannot route clients"
                        + " through fault proxies; use the process or testcontainers backend");
            }
        }
    }

    /**
     * Host faults need brokers Firedrill runs itself, and what the machine grants (root, libfaketime):
     * refused before anything starts, exit 2, with the reason.
     */
    static void refuseHostFaultsItCannotInject(Scenario scenario, ClusterBackend backend) {
        for (Step step : scenario.steps()) {
            if (step instanceof Step.Fault fault && fault.type().kind() == FaultType.Kind.HOST) {
                String where = scenario.name() + ": step " + step.index() + " (line " + step.line() + ") is a "
                        + fault.type().keyword() + " fault, but ";
                // MirrorMaker 2 is always a child of the harness, whichever backend runs the brokers
                if (!backend.supportsHostFaults() && !(fault.target() instanceof Target.MirrorMaker)) {
                    throw new BadInputException(where + "the " + backend.name() + " backend does not own the disk, power"
                            + " or clock of its brokers; use the process backend");
                }
                HostFaultSupport.missing(fault.type()).ifPresent(reason -> {
                    throw new BadInputException(where + reason);
                });
            }
        }
    }

    /**
     * With the team's own MirrorMaker 2 followed (external backend, {@code mirrormaker=team}), a
     * MirrorMaker fault is the team's command or nothing, and a restore or failback would start
     * Firedrill's own MirrorMaker beside theirs: refused before anything starts, exit 2.
     */
    static void refuseStepsTheTeamsMirrorMakerCannotTake(Scenario scenario, ClusterBackend backend) {
        TeamMirrorMaker team = backend.teamMirrorMaker().orElse(null);
        if (team == null) {
            return;
        }
        for (Step step : scenario.steps()) {
            String where = scenario.name() + ": step " + step.index() + " (line " + step.line() + ":" + step.source().column() + ") ";
            // a kill is healed by a restart (at the latest when the drill ends) and a restart is a kill and a start: both commands
            if (step instanceof Step.Fault fault && fault.type().kind() == FaultType.Kind.MIRRORMAKER) {
                String missing = team.killCommand().isEmpty() ? "mirrormaker.kill.command (e.g. kubectl scale deployment/mm2 --replicas=0)"
                        : team.restartCommand().isEmpty() ? "mirrormaker.restart.command (e.g. kubectl scale deployment/mm2 --replicas=1)" : null;
                if (missing != null) {
                    throw new BadInputException(where + "is a " + fault.type().keyword() + " fault, but the drill follows the team's own"
                            + " MirrorMaker 2 (" + team.file() + ": mirrormaker=team): add " + missing + " there");
                }
            }
            if (step instanceof Step.Fault fault && fault.type() == FaultType.CLOCK_SKEW && fault.target() instanceof Target.MirrorMaker) {
                throw new BadInputException(where + "skews MirrorMaker 2's clock, which takes restarting it under libfaketime,"
                        + " but the drill follows the team's own (" + team.file() + ": mirrormaker=team); skew a clock Firedrill"
                        + " owns or let Firedrill run MirrorMaker");
            }
            if (step instanceof Step.Restore || step instanceof Step.Failback) {
                throw new BadInputException(where + "is a " + step.keyword() + ", which runs Firedrill's own MirrorMaker 2 beside"
                        + " the team's it follows (" + team.file() + ": mirrormaker=team); drop the step or let Firedrill run MirrorMaker");
            }
        }
    }

    /** Brokers a disk-full or log-dir-failure can hit get a log directory on a filesystem of their own. */
    private static boolean needsOwnDisks(Scenario scenario, ClusterRole role) {
        return scenario.steps().stream().anyMatch(step -> step instanceof Step.Fault fault
                && (fault.type() == FaultType.DISK_FULL || fault.type() == FaultType.LOG_DIR_FAILURE)
                && fault.target().cluster().filter(cluster -> cluster == role).isPresent());
    }

    private void startClusters() {
        CompletableFuture<KafkaCluster> primary = CompletableFuture.supplyAsync(() -> startCluster(ClusterRole.PRIMARY));
        CompletableFuture<KafkaCluster> backup = CompletableFuture.supplyAsync(() -> startCluster(ClusterRole.BACKUP));
        List<RuntimeException> failures = new ArrayList<>();
        for (CompletableFuture<KafkaCluster> start : List.of(primary, backup)) {
            try {
                KafkaCluster cluster = start.join();
                clusters.put(ClusterRole.valueOf(cluster.name().toUpperCase()), cluster);
            } catch (CompletionException e) {
                failures.add(e.getCause() instanceof RuntimeException runtime ? runtime : e);
            }
        }
        if (!failures.isEmpty()) {
            throw failures.get(0);
        }
        if (network != null) {
            clusters.values().forEach(network::connect);
            network.pointActiveAt(ClusterRole.PRIMARY.keyword());
        }
    }

    private KafkaCluster startCluster(ClusterRole role) {
        io.firedrill.scenario.ClusterSetup wanted = scenario.cluster(role);
        ClusterSpec spec = ClusterSpec.of(role.keyword(), wanted.brokers()).withBrokerConfig(wanted.config())
                .withKafka(wanted.kafka());
        if (needsOwnDisks(scenario, role)) {
            spec = spec.withDiskCap(OWN_DISK_MB);
        }
        return backend.start(network == null ? spec : network.route(spec));
    }

    private void createTopics() {
        createTopics(scenario.topics().stream().filter(topic -> topic.createAfter().isEmpty()).toList());
    }

    /** Creates a topic of the scenario created mid-drill ({@code create-after}) on the primary. */
    void createLater(TopicSpec topic) {
        createTopics(List.of(topic));
    }

    private void createTopics(List<TopicSpec> specs) {
        KafkaCluster primary = cluster(ClusterRole.PRIMARY);
        List<NewTopic> topics = new ArrayList<>();
        for (TopicSpec topic : specs) {
            NewTopic newTopic = topic.replicaAssignment().isEmpty()
                    ? new NewTopic(topic.name(), topic.partitions(), (short) topic.replicationFactor())
                    : new NewTopic(topic.name(), replicasByPartition(topic.replicaAssignment()));
            topic.minInsyncReplicas().ifPresent(isr -> newTopic.configs(Map.of("min.insync.replicas", Integer.toString(isr))));
            topics.add(newTopic);
        }
        try (Admin admin = admin(primary)) {
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new InfrastructureException("cannot create the scenario's topics on the primary: " + e.getCause().getMessage(),
                    primary.logTails(20), e);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new InfrastructureException("the primary did not create the scenario's topics within 60 s", primary.logTails(20), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfrastructureException("interrupted while creating topics", e);
        }
    }

    private static Map<Integer, List<Integer>> replicasByPartition(List<List<Integer>> assignment) {
        Map<Integer, List<Integer>> byPartition = new HashMap<>();
        for (int partition = 0; partition < assignment.size(); partition++) {
            byPartition.put(partition, assignment.get(partition));
        }
        return byPartition;
    }

    /** An admin client on the cluster's unproxied path, with the cluster's client properties. */
    public static Admin admin(KafkaCluster cluster) {
        Map<String, Object> config = new HashMap<>(cluster.clientProperties());
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, cluster.bootstrapServers());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return Admin.create(config);
    }

    public Scenario scenario() {
        return scenario;
    }

    public String backendName() {
        return backend.name();
    }

    /** The team's own MirrorMaker 2 the drill follows instead of starting one, if the backend names one. */
    public Optional<TeamMirrorMaker> teamMirrorMaker() {
        return backend.teamMirrorMaker();
    }

    public KafkaCluster cluster(ClusterRole role) {
        KafkaCluster cluster = clusters.get(role);
        if (cluster == null) {
            throw new IllegalStateException(role.keyword() + " cluster is not running");
        }
        return cluster;
    }

    /** Bootstrap servers of one path to a cluster: its proxies, or the brokers themselves without proxies. */
    public String bootstrapServers(ClusterRole role, NetworkPath path) {
        return network == null ? cluster(role).bootstrapServers(path.listener()) : network.bootstrapServers(role.keyword(), path);
    }

    /** The drill's active address: a bootstrap address that follows failover and failback. */
    public String activeBootstrapServers() {
        return network().activeBootstrapServers();
    }

    /**
     * Flips the active address to {@code role}'s cluster; nothing when the backend has no proxies
     * (external clusters), so there is no active address.
     */
    public void pointActiveAt(ClusterRole role) {
        if (network != null) {
            network.pointActiveAt(role.keyword());
        }
    }

    /** Opens or closes the clients' path to {@code role}'s cluster (redirect mode fences the cluster it leaves). */
    public void clientPath(ClusterRole role, boolean open) {
        network().clientPath(role.keyword(), open);
    }

    /** Null when the backend cannot route through proxies (external clusters). */
    public DrillNetwork network() {
        return network;
    }

    public ToxiproxyBackend toxiproxy() {
        return toxiproxy;
    }

    /** What {@code drill up} prints and writes to endpoints.properties. */
    public Map<String, String> endpoints() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (ClusterRole role : ClusterRole.values()) {
            endpoints.put(role.keyword() + ".bootstrap.servers", bootstrapServers(role, NetworkPath.CLIENTS));
            endpoints.put(role.keyword() + ".replication.bootstrap.servers", bootstrapServers(role, NetworkPath.REPLICATION));
            endpoints.put(role.keyword() + ".direct.bootstrap.servers", cluster(role).bootstrapServers());
        }
        if (network != null) {
            endpoints.put("active.bootstrap.servers", network.activeBootstrapServers());
        }
        if (toxiproxy != null) {
            endpoints.put("toxiproxy.api", toxiproxy.apiUrl().toString());
        }
        endpoints.put("backend", backend.name());
        return endpoints;
    }

    /** Every broker's log tail, for an ERROR's explanation. */
    public List<InfrastructureException.LogExcerpt> logTails(int lines) {
        List<InfrastructureException.LogExcerpt> tails = new ArrayList<>();
        clusters.values().forEach(cluster -> tails.addAll(cluster.logTails(lines)));
        return tails;
    }

    @Override
    public void close() {
        List<Runnable> teardown = new ArrayList<>();
        if (network != null) {
            teardown.add(network::close);
        }
        clusters.values().forEach(cluster -> teardown.add(cluster::close));
        if (toxiproxy != null) {
            teardown.add(toxiproxy::close);
        }
        RuntimeException first = null;
        for (Runnable step : teardown) {
            try {
                step.run();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
