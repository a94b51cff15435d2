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
 * whichever cluster is active, as a DNS name or a VIP would be. It is a bootstrap address only:
 * slot N forwards to the active cluster's {@code clients->} proxy of broker N (modulo its size),
 * whose metadata names that cluster's own broker addresses, so a client that bootstrapped there
 * finds another cluster only by going back to its bootstrap address (Kafka's rebootstrap), as
 * with a real DNS flip.
 */
public final class DrillNetwork implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

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
     * re-pointed afterwards (as Toxiproxy does when an upstream changes, their live connections drop).
     */
    public synchronized void pointActiveAt(String cluster) {
        List<HostPort> clientProxies = addresses(cluster, NetworkPath.CLIENTS);
        for (int slot = 0; slot < activeSlots.size(); slot++) {
            String upstream = clientProxies.get(slot % clientProxies.size()).toString();
            String name = "active-slot-" + slot;
            try {
                if (activeProxies.size() <= slot) {
                    activeProxies.add(toxiproxy.createProxy(name, activeSlots.get(slot).toString(), upstream));
                } else {
                    activeProxies.get(slot).setUpstream(upstream);
                }
            } catch (IOException e) {
                throw new InfrastructureException("cannot point " + name + " at " + cluster + " (" + upstream + "): "
                        + e.getMessage(), e);
            }
        }
    }

    /**
     * Opens or closes the clients' path to a cluster (its {@code clients->} proxies): closing drops
     * every client connection to it and refuses new ones, as fencing the old cluster off from the
     * applications does in a failover runbook.
     */
    public synchronized void clientPath(String cluster, boolean open) {
        for (Proxy proxy : proxies(cluster, List.of(NetworkPath.CLIENTS))) {
            try {
                if (open) {
                    proxy.enable();
                } else {
                    proxy.disable();
                }
            } catch (IOException e) {
                throw new InfrastructureException("cannot " + (open ? "open " : "close ") + proxy.getName() + ": "
                        + e.getMessage(), e);
            }
        }
    }

    /** The active address as bootstrap servers: every slot. */
    public synchronized String activeBootstrapServers() {
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
