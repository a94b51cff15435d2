package io.firedrill.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.model.Toxic;
import eu.rekawek.toxiproxy.model.ToxicDirection;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.support.BadInputException;
import io.firedrill.support.InfrastructureException;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The drill's nemesis: injects the faults of the contract into the running clusters, proxies and
 * MirrorMaker, and keeps a registry of what it injected so that {@code heal} undoes exactly that,
 * and {@link #healAll()} leaves nothing behind when a drill ends, whatever happened.
 */
public final class FaultInjector implements AutoCloseable {

    /** What the nemesis can hit besides proxies. */
    public interface Surroundings {
        KafkaCluster cluster(String name);

        /** SIGKILLs MirrorMaker 2. */
        void killMirrorMaker();

        /** Starts MirrorMaker 2 again after a kill (no-op while it runs). */
        void startMirrorMaker();
    }

    private final DrillNetwork network;
    private final Surroundings surroundings;
    private final Clock clock;
    private final AtomicInteger ids = new AtomicInteger();
    private final List<ActiveFault> active = new ArrayList<>();

    public FaultInjector(DrillNetwork network, Surroundings surroundings, Clock clock) {
        this.network = network;
        this.surroundings = surroundings;
        this.clock = clock;
    }

    /** Injects the fault and returns its registry entry ({@code null} for faults that are over at once). */
    public synchronized ActiveFault inject(FaultRequest request) {
        int id = ids.incrementAndGet();
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
                KafkaCluster cluster = surroundings.cluster(request.target().cluster());
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
            default -> toxics(id, request);
        };
        if (healer == null) {
            return null;
        }
        ActiveFault fault = new ActiveFault(id, request, clock.millis(), healer);
        active.add(fault);
        return fault;
    }

    /** Heals every active fault on the target or inside it ({@code primary} covers {@code primary/broker-1}). */
    public synchronized List<ActiveFault> heal(FaultTarget target) {
        List<ActiveFault> healed = active.stream().filter(fault -> target.covers(fault.request().target())).toList();
        healed.forEach(this::heal);
        return healed;
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

    private Runnable partition(FaultRequest request) {
        List<Proxy> proxies = proxies(request.target());
        forEachProxy(proxies, Proxy::disable, "disable");
        return () -> forEachProxy(proxies, Proxy::enable, "enable");
    }

    private Runnable toxics(int id, FaultRequest request) {
        List<Toxic> added = new ArrayList<>();
        try {
            for (Proxy proxy : proxies(request.target())) {
                for (ToxicDirection stream : request.direction().streams()) {
                    String name = "firedrill-" + id + "-" + request.type().toxiproxyType() + "-" + stream.name().toLowerCase();
                    Toxic toxic = addToxic(proxy, name, stream, request);
                    added.add(toxic);
                    if (request.toxicity() < 1.0) {
                        toxic.setToxicity((float) request.toxicity());
                    }
                }
            }
        } catch (IOException e) {
            removeToxics(added);
            throw new InfrastructureException("cannot add " + request.describe() + " to Toxiproxy: " + e.getMessage(), e);
        }
        return () -> removeToxics(added);
    }

    private static Toxic addToxic(Proxy proxy, String name, ToxicDirection stream, FaultRequest request) throws IOException {
        Map<String, Long> a = request.attributes();
        return switch (request.type()) {
            case LATENCY -> proxy.toxics().latency(name, stream, a.getOrDefault("latency", 0L)).setJitter(a.getOrDefault("jitter", 0L));
            case BANDWIDTH -> proxy.toxics().bandwidth(name, stream, a.get("rate"));
            case TIMEOUT -> proxy.toxics().timeout(name, stream, a.getOrDefault("timeout", 0L));
            case RESET_PEER -> proxy.toxics().resetPeer(name, stream, a.getOrDefault("timeout", 0L));
            case SLOW_CLOSE -> proxy.toxics().slowClose(name, stream, a.getOrDefault("delay", 0L));
            case SLICER -> proxy.toxics().slicer(name, stream, a.get("average-size"), a.getOrDefault("delay", 0L))
                    .setSizeVariation(a.getOrDefault("size-variation", 0L));
            case LIMIT_DATA -> proxy.toxics().limitData(name, stream, a.get("bytes"));
            default -> throw new IllegalArgumentException(request.type() + " is not a toxic");
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

    private Runnable onBrokers(FaultRequest request, java.util.function.Consumer<KafkaBroker> fault,
                               java.util.function.Consumer<KafkaBroker> heal) {
        List<KafkaBroker> hit = brokers(request.target());
        hit.parallelStream().forEach(fault);
        return () -> hit.parallelStream().forEach(heal);
    }

    private List<KafkaBroker> brokers(FaultTarget target) {
        KafkaCluster cluster = switch (target.kind()) {
            case CLUSTER, BROKER -> surroundings.cluster(target.cluster());
            default -> throw new BadInputException("process faults hit brokers or clusters, not " + target);
        };
        if (!cluster.managesBrokers()) {
            throw new BadInputException(target + " is on an external cluster: Firedrill cannot kill, pause or restart its brokers");
        }
        return target.kind() == FaultTarget.Kind.BROKER ? List.of(cluster.broker(target.broker())) : cluster.brokers();
    }

    private List<Proxy> proxies(FaultTarget target) {
        Function<String, List<Proxy>> bothPaths = cluster -> network.proxies(cluster, List.of(NetworkPath.values()));
        return switch (target.kind()) {
            case CLUSTER -> bothPaths.apply(target.cluster());
            case BROKER -> network.proxies(target.cluster(), List.of(NetworkPath.values()), target.broker());
            case CLIENTS -> network.proxies(target.cluster(), List.of(NetworkPath.CLIENTS));
            case REPLICATION_LINK, MIRRORMAKER -> network.clusters().stream()
                    .flatMap(cluster -> network.proxies(cluster, List.of(NetworkPath.REPLICATION)).stream()).toList();
        };
    }
}
