package io.firedrill.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.UnflushedLoss;
import io.firedrill.scenario.ClusterRole;
import io.firedrill.scenario.Direction;
import io.firedrill.scenario.FaultAttribute;
import io.firedrill.scenario.Step;
import io.firedrill.scenario.Target;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The drill's nemesis: injects the faults of the contract into the running clusters, proxies,
 * MirrorMaker and applications, and keeps a registry of what it injected so that {@code heal} undoes exactly that,
 * and {@link #healAll()} leaves nothing behind when a drill ends, whatever happened.
 */
public final class FaultInjector implements AutoCloseable {

    /** What the nemesis can hit besides proxies. */
    public interface Surroundings {
        KafkaCluster cluster(ClusterRole role);

        /** SIGKILLs MirrorMaker 2. */
        void killMirrorMaker();

        /** Starts MirrorMaker 2 again after a kill (no-op while it runs). */
        void startMirrorMaker();

        /** Restarts MirrorMaker 2 cleanly with its wall clock {@code offset} ahead ({@link Duration#ZERO}: the real clock). */
        void restartMirrorMakerWithClockOffset(Duration offset);

        /** The scenario's application of that name; environments that run none (drill up, benches) refuse. */
        default Application application(String name) {
            throw new BadInputException("application/" + name + ": this environment runs no applications");
        }
    }

    /** An application under drill, as application faults signal it. */
    public interface Application {
        /** SIGKILL of all its processes; it stays down until {@link #start()}. */
        void kill();

        /** Starts it again (after a kill) against the active cluster and waits until it is ready. */
        void start();

        /** SIGTERM, then a fresh start, as a redeploy does. */
        void restart();

        void pause();

        void resume();
    }

    private final DrillNetwork network;
    private final Surroundings surroundings;
    private final LongSupplier nowMs;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<ActiveFault> active = new ArrayList<>();

    public FaultInjector(DrillNetwork network, Surroundings surroundings, LongSupplier nowMs) {
        this.network = network;
        this.surroundings = surroundings;
        this.nowMs = nowMs;
    }

    /** Injects the fault and returns its registry entry ({@code null} for faults that are over at once). */
    public synchronized ActiveFault inject(Step.Fault request) {
        int id = ids.incrementAndGet();
        String effect = "";
        Runnable healer = switch (request.type()) {
            case PARTITION -> partition(request);
            case BROKER_KILL -> onBrokers(request, KafkaBroker::kill, KafkaBroker::start);
            case BROKER_PAUSE -> onBrokers(request, KafkaBroker::pause, KafkaBroker::resume);
            case BROKER_RESTART -> {
                brokers(request.target()).forEach(broker -> {
                    broker.stop();
                    broker.start();
                });
                yield null;
            }
            case CLUSTER_OUTAGE -> {
                KafkaCluster cluster = cluster(request.target());
                cluster.killAll();
                yield cluster::startAll;
            }
            case MIRRORMAKER_KILL -> {
                surroundings.killMirrorMaker();
                yield surroundings::startMirrorMaker;
            }
            case MIRRORMAKER_RESTART -> {
                surroundings.killMirrorMaker();
                surroundings.startMirrorMaker();
                yield null;
            }
            case POWER_LOSS -> {
                List<KafkaBroker> hit = brokers(request.target());
                // every broker of a cluster goes dark at the same instant, before any log is cut
                hit.parallelStream().forEach(KafkaBroker::kill);
                effect = hit.stream().map(KafkaBroker::powerOff).map(UnflushedLoss::describe)
                        .collect(Collectors.joining("; "));
                // a whole cluster boots its nodes together: one at a time, the first would wait for a quorum
                yield request.target() instanceof Target.Cluster ? cluster(request.target())::startAll
                        : () -> hit.forEach(KafkaBroker::start);
            }
            case DISK_FULL -> onBrokers(request, KafkaBroker::fillDisk, KafkaBroker::freeDisk);
            case LOG_DIR_FAILURE -> onBrokers(request, KafkaBroker::failLogDir, KafkaBroker::replaceLogDir);
            case CLOCK_SKEW -> {
                Duration offset = Duration.ofMillis(request.attribute(FaultAttribute.OFFSET));
                if (request.target() instanceof Target.MirrorMaker) {
                    surroundings.restartMirrorMakerWithClockOffset(offset);
                    yield () -> surroundings.restartMirrorMakerWithClockOffset(Duration.ZERO);
                }
                yield onBrokers(request, broker -> broker.restartWithClockOffset(offset),
                        broker -> broker.restartWithClockOffset(Duration.ZERO));
            }
            case APPLICATION_KILL -> {
                Application application = application(request.target());
                application.kill();
                yield application::start;
            }
            case APPLICATION_RESTART -> {
                application(request.target()).restart();
                yield null;
            }
            case APPLICATION_PAUSE -> {
                Application application = application(request.target());
                application.pause();
                yield application::resume;
            }
            case LATENCY, BANDWIDTH, TIMEOUT, RESET_PEER, SLOW_CLOSE, SLICER, LIMIT_DATA -> toxics(id, request);
        };
        if (healer == null) {
            return null;
        }
        ActiveFault fault = new ActiveFault(id, request, nowMs.getAsLong(), healer, effect);
        active.add(fault);
        return fault;
    }

    /** Heals every active fault on the target or inside it ({@code primary} covers {@code primary/broker-1}). */
    public synchronized List<ActiveFault> heal(Target target) {
        List<ActiveFault> healed = active.stream().filter(fault -> target.covers(fault.step().target())).toList();
        healed.forEach(this::heal);
        return healed;
    }

    /**
     * Drops the faults on the target from the registry without undoing them: the target is being
     * replaced (a cluster rebuilt empty), so starting its dead brokers again would be wasted work.
     */
    public synchronized List<ActiveFault> forget(Target target) {
        List<ActiveFault> dropped = active.stream().filter(fault -> target.covers(fault.step().target())
                && !fault.step().type().isNetwork()).toList();
        active.removeAll(dropped);
        return dropped;
    }

    /** Heals one fault (after its {@code duration}); healing a healed fault does nothing. */
    public synchronized void heal(ActiveFault fault) {
        if (active.remove(fault)) {
            fault.healer().run();
        }
    }

    /** Heals everything, newest first, and reports every heal that failed instead of stopping at the first. */
    public synchronized List<ActiveFault> healAll() {
        List<ActiveFault> healed = new ArrayList<>(active);
        List<String> failures = new ArrayList<>();
        for (int i = healed.size() - 1; i >= 0; i--) {
            ActiveFault fault = healed.get(i);
            try {
                heal(fault);
            } catch (RuntimeException e) {
                failures.add(fault.describe() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new InfrastructureException("could not heal " + String.join("; ", failures), List.of());
        }
        return healed;
    }

    public synchronized List<ActiveFault> active() {
        return List.copyOf(active);
    }

    @Override
    public void close() {
        healAll();
    }

    private Runnable partition(Step.Fault request) {
        List<Proxy> proxies = proxies(request.target());
        forEachProxy(proxies, Proxy::disable, "disable");
        return () -> forEachProxy(proxies, Proxy::enable, "enable");
    }

    private Runnable toxics(int id, Step.Fault request) {
        List<Toxic> added = new ArrayList<>();
        try {
            for (Proxy proxy : proxies(request.target())) {
                for (ToxicDirection stream : streams(request.direction())) {
                    String name = "firedrill-" + id + "-" + request.type().toxiproxyType().orElseThrow() + "-"
                            + stream.name().toLowerCase();
                    Toxic toxic = addToxic(proxy, name, stream, request);
                    added.add(toxic);
                    if (request.toxicity() < 1.0) {
                        toxic.setToxicity((float) request.toxicity());
                    }
                }
            }
        } catch (IOException e) {
            removeToxics(added);
            throw new InfrastructureException("cannot add " + request.type().keyword() + " to " + request.target().text()
                    + " through Toxiproxy: " + e.getMessage(), e);
        }
        return () -> removeToxics(added);
    }

    private static List<ToxicDirection> streams(Direction direction) {
        return switch (direction) {
            case UPSTREAM -> List.of(ToxicDirection.UPSTREAM);
            case DOWNSTREAM -> List.of(ToxicDirection.DOWNSTREAM);
            case BOTH -> List.of(ToxicDirection.UPSTREAM, ToxicDirection.DOWNSTREAM);
        };
    }

    private static Toxic addToxic(Proxy proxy, String name, ToxicDirection stream, Step.Fault fault) throws IOException {
        return switch (fault.type()) {
            case LATENCY -> proxy.toxics().latency(name, stream, fault.attribute(FaultAttribute.LATENCY))
                    .setJitter(fault.attribute(FaultAttribute.JITTER));
            case BANDWIDTH -> proxy.toxics().bandwidth(name, stream, fault.attribute(FaultAttribute.RATE));
            case TIMEOUT -> proxy.toxics().timeout(name, stream, fault.attribute(FaultAttribute.TIMEOUT));
            case RESET_PEER -> proxy.toxics().resetPeer(name, stream, fault.attribute(FaultAttribute.TIMEOUT));
            case SLOW_CLOSE -> proxy.toxics().slowClose(name, stream, fault.attribute(FaultAttribute.DELAY));
            // Toxiproxy's slicer delay is in microseconds; scenario files give milliseconds
            case SLICER -> proxy.toxics().slicer(name, stream, fault.attribute(FaultAttribute.AVERAGE_SIZE),
                            fault.attribute(FaultAttribute.DELAY) * 1000)
                    .setSizeVariation(fault.attribute(FaultAttribute.SIZE_VARIATION));
            case LIMIT_DATA -> proxy.toxics().limitData(name, stream, fault.attribute(FaultAttribute.BYTES));
            default -> throw new IllegalArgumentException(fault.type().keyword() + " is not a toxic");
        };
    }

    private static void removeToxics(List<Toxic> toxics) {
        List<String> failures = new ArrayList<>();
        for (Toxic toxic : toxics) {
            try {
                toxic.remove();
            } catch (IOException e) {
                failures.add(toxic.getName() + ": " + e.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new InfrastructureException("cannot remove toxics " + failures, List.of());
        }
    }

    private interface ProxyAction {
        void apply(Proxy proxy) throws IOException;
    }

    private static void forEachProxy(List<Proxy> proxies, ProxyAction action, String verb) {
        for (Proxy proxy : proxies) {
            try {
                action.apply(proxy);
            } catch (IOException e) {
                throw new InfrastructureException("cannot " + verb + " proxy " + proxy.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    private Runnable onBrokers(Step.Fault request, Consumer<KafkaBroker> fault, Consumer<KafkaBroker> heal) {
        List<KafkaBroker> hit = brokers(request.target());
        hit.parallelStream().forEach(fault);
        return () -> hit.parallelStream().forEach(heal);
    }

    private Application application(Target target) {
        if (!(target instanceof Target.Application application)) {
            throw new BadInputException("application faults hit application/NAME, not " + target.text());
        }
        return surroundings.application(application.name());
    }

    private KafkaCluster cluster(Target target) {
        ClusterRole role = target.cluster().orElseThrow(() ->
                new BadInputException("process faults hit brokers or clusters, not " + target.text()));
        KafkaCluster cluster = surroundings.cluster(role);
        if (!cluster.managesBrokers()) {
            throw new BadInputException(target.text() + " is on an external cluster: Firedrill cannot kill, pause or"
                    + " restart its brokers; use the process or testcontainers backend");
        }
        return cluster;
    }

    private List<KafkaBroker> brokers(Target target) {
        KafkaCluster cluster = cluster(target);
        return target instanceof Target.Broker broker ? List.of(cluster.broker(broker.index())) : cluster.brokers();
    }

    private List<Proxy> proxies(Target target) {
        List<NetworkPath> both = List.of(NetworkPath.values());
        if (target instanceof Target.Cluster cluster) {
            return network.proxies(cluster.role().keyword(), both);
        }
        if (target instanceof Target.Broker broker) {
            return network.proxies(broker.role().keyword(), both, broker.index());
        }
        if (target instanceof Target.ClientLink link) {
            return network.proxies(link.role().keyword(), List.of(NetworkPath.CLIENTS));
        }
        return network.clusters().stream() // replication-link (and mirrormaker): MirrorMaker 2's connections
                .flatMap(cluster -> network.proxies(cluster, List.of(NetworkPath.REPLICATION)).stream()).toList();
    }
}
