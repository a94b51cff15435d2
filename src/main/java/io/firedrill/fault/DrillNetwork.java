package io.firedrill.fault;

import eu.rekawek.toxiproxy.Proxy;
import eu.rekawek.toxiproxy.ToxiproxyClient;
import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.support.FreePorts;
import io.firedrill.support.HostPort;
import io.firedrill.support.InfrastructureException;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The Toxiproxy proxies of one drill: for every broker of every cluster, one proxy per
 * {@link NetworkPath}. Listen ports are chosen before the brokers start, because brokers
 * advertise them; the proxies themselves are created once the brokers listen.
 *
 * <p>Besides, the drill's <em>active address</em>: one proxy per broker slot in front of
 * whichever cluster is active, as a DNS name or a VIP would be. Broker N of either cluster
 * advertises slot N on its {@value #ACTIVE_LISTENER} listener, so a client that bootstraps there
 * stays on the active address whatever cluster answers; a flip points every slot at the other
 * cluster (slot N at its broker N modulo its size) and, as Toxiproxy does when an upstream
 * changes, drops the slots' live connections.
 */
public final class DrillNetwork implements AutoCloseable {

    private static final String HOST = "127.0.0.1";
    /** The broker listener the active address's proxies forward to. */
    public static final String ACTIVE_LISTENER = "ACTIVE";

    private final ToxiproxyClient toxiproxy;
    /** cluster -> path -> per broker, the proxy's listen address. */
    private final Map<String, Map<NetworkPath, List<HostPort>>> plan = new LinkedHashMap<>();
    private final Map<String, Proxy> proxies = new LinkedHashMap<>();
    /** Per broker slot, the active address's listen address; as many as the larger cluster has brokers. */
    private final List<HostPort> activeSlots = new ArrayList<>();
    private final List<Proxy> activeProxies = new ArrayList<>();

    public DrillNetwork(ToxiproxyClient toxiproxy) {
        this.toxiproxy = toxiproxy;
    }

    /** Chooses the proxy ports of a cluster and returns its spec with listeners advertising them. */
    public synchronized ClusterSpec route(ClusterSpec spec) {
        Map<NetworkPath, List<HostPort>> paths = new LinkedHashMap<>();
        List<ClusterSpec.ClientListener> listeners = new ArrayList<>();
        for (NetworkPath path : NetworkPath.values()) {
            List<HostPort> addresses = FreePorts.next(spec.brokers()).stream().map(HostPort::loopback).toList();
            paths.put(path, addresses);
            listeners.add(new ClusterSpec.ClientListener(path.listener(), addresses));
        }
        if (activeSlots.size() < spec.brokers()) {
            FreePorts.next(spec.brokers() - activeSlots.size()).stream().map(HostPort::loopback).forEach(activeSlots::add);
        }
        listeners.add(new ClusterSpec.ClientListener(ACTIVE_LISTENER, activeSlots.subList(0, spec.brokers())));
        plan.put(spec.name(), paths);
        return spec.withClientListeners(listeners);
    }

    /** Creates the proxies in front of a started cluster's brokers. */
    public synchronized void connect(KafkaCluster cluster) {
        Map<NetworkPath, List<HostPort>> paths = plan.get(cluster.name());
        if (paths == null) {
            throw new IllegalStateException("cluster " + cluster.name() + " was not routed before it started");
        }
        paths.forEach((path, listens) -> {
            for (int broker = 0; broker < listens.size(); broker++) {
                String name = path.proxyName(cluster.name(), broker);
                HostPort upstream = cluster.broker(broker).listenerAddress(path.listener());
                try {
                    proxies.put(name, toxiproxy.createProxy(name, listens.get(broker).toString(), upstream.toString()));
                } catch (IOException e) {
                    throw new InfrastructureException("cannot create Toxiproxy proxy " + name + " on "
                            + listens.get(broker) + ": " + e.getMessage(), e);
                }
            }
        });
    }

    /**
     * Points the active address at {@code cluster}: the slots' proxies are created the first time,
     * re-pointed (their live connections dropped) and enabled afterwards.
     */
    public synchronized void pointActiveAt(KafkaCluster cluster) {
        int brokers = cluster.brokers().size();
        for (int slot = 0; slot < activeSlots.size(); slot++) {
            String upstream = cluster.broker(slot % brokers).listenerAddress(ACTIVE_LISTENER).toString();
            String name = "active-slot-" + slot;
            try {
                if (activeProxies.size() <= slot) {
                    activeProxies.add(toxiproxy.createProxy(name, activeSlots.get(slot).toString(), upstream));
                } else {
                    Proxy proxy = activeProxies.get(slot);
                    proxy.setUpstream(upstream);
                    proxy.enable();
                }
            } catch (IOException e) {
                throw new InfrastructureException("cannot point " + name + " at " + cluster.name() + " (" + upstream
                        + "): " + e.getMessage(), e);
            }
        }
    }

    /**
     * Drops every connection on the active address and refuses new ones until the next
     * {@link #pointActiveAt}: the clients lose the cluster they were on, as when a VIP is withdrawn.
     */
    public synchronized void cutActive() {
        for (Proxy proxy : activeProxies) {
            try {
                proxy.disable();
            } catch (IOException e) {
                throw new InfrastructureException("cannot disable " + proxy.getName() + ": " + e.getMessage(), e);
            }
        }
    }

    /** The active address as bootstrap servers: every slot. */
    public String activeBootstrapServers() {
        return activeSlots.stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    /** What a client of this path is given as bootstrap servers: the path's proxies. */
    public String bootstrapServers(String cluster, NetworkPath path) {
        return addresses(cluster, path).stream().map(HostPort::toString).collect(Collectors.joining(","));
    }

    public List<HostPort> addresses(String cluster, NetworkPath path) {
        Map<NetworkPath, List<HostPort>> paths = plan.get(cluster);
        if (paths == null) {
            throw new IllegalArgumentException("no cluster " + cluster + " in this drill's network");
        }
        return paths.get(path);
    }

    /** The proxies of the given paths to the given brokers of a cluster (all brokers when none given). */
    public synchronized List<Proxy> proxies(String cluster, List<NetworkPath> paths, int... brokers) {
        Map<NetworkPath, List<HostPort>> routed = plan.get(cluster);
        if (routed == null) {
            throw new IllegalArgumentException("no cluster " + cluster + " in this drill's network");
        }
        int count = routed.get(NetworkPath.CLIENTS).size();
        int[] chosen = brokers.length == 0 ? java.util.stream.IntStream.range(0, count).toArray() : brokers;
        List<Proxy> result = new ArrayList<>();
        for (NetworkPath path : paths) {
            Arrays.stream(chosen).forEach(broker -> {
                Proxy proxy = proxies.get(path.proxyName(cluster, broker));
                if (proxy == null) {
                    throw new IllegalStateException(path.proxyName(cluster, broker) + " does not exist yet");
                }
                result.add(proxy);
            });
        }
        return result;
    }

    public List<String> clusters() {
        return List.copyOf(plan.keySet());
    }

    /** Deletes every proxy of the drill; best effort, the proxy server goes away next anyway. */
    @Override
    public synchronized void close() {
        List<Proxy> all = new ArrayList<>(proxies.values());
        all.addAll(activeProxies);
        for (Proxy proxy : all) {
            try {
                proxy.delete();
            } catch (IOException ignored) {
                // the server may already be gone
            }
        }
        proxies.clear();
        activeProxies.clear();
    }
}
