package io.firedrill.cluster.testcontainers;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.cluster.process.BrokerJvmOptions;
import io.firedrill.cluster.process.BrokerProperties;
import io.firedrill.support.BadInputException;
import io.firedrill.support.HostPort;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where one broker container listens and what it advertises, all fixed before any container
 * exists: Firedrill puts its proxies in front of the client listeners before the brokers start,
 * so the host ports are chosen up front and bound as fixed port bindings.
 * <p>
 * Inside the cluster's Docker network the node is reached by its alias (controller quorum and
 * inter-broker replication); from the harness's host only {@code DIRECT} and the client
 * listeners are reachable, through the published host ports.
 *
 * @param id               node id and index in the cluster
 * @param alias            the node's name on the cluster's Docker network
 * @param bound            listener name to the address the broker binds inside its container
 * @param advertised       listener name to the address clients of that listener are told
 * @param hostAddresses    listener name to where the harness's host reaches it ({@code DIRECT} and client listeners)
 * @param portBindings     Docker port bindings, {@code hostIp:hostPort:containerPort}
 * @param serverProperties the node's server.properties, rendered from the same template as the process backend's
 */
record BrokerLayout(int id, String alias, Map<String, HostPort> bound, Map<String, HostPort> advertised,
                    Map<String, HostPort> hostAddresses, List<String> portBindings, String serverProperties) {

    static final int DIRECT_PORT = 9092;
    static final int CONTROLLER_PORT = 9093;
    static final int INTERNAL_PORT = 9094;
    /** Client listeners take consecutive container ports from here, in the spec's order. */
    static final int FIRST_CLIENT_PORT = 9095;
    /** The image's own default data directory: in the container's writable layer, owned by its Kafka user. */
    static final String LOG_DIR = "/tmp/kraft-combined-logs";
    private static final String ANY = "0.0.0.0";

    BrokerLayout {
        bound = Map.copyOf(bound);
        advertised = Map.copyOf(advertised);
        hostAddresses = Map.copyOf(hostAddresses);
        portBindings = List.copyOf(portBindings);
    }

    /** How many host ports each broker of the spec publishes: {@code DIRECT} and one per client listener. */
    static int publishedPerBroker(ClusterSpec spec) {
        return 1 + spec.clientListeners().size();
    }

    /**
     * @param published where the harness reaches published ports and which host address they bind
     * @param hostPorts {@link #publishedPerBroker} ports per broker, broker after broker
     */
    static List<BrokerLayout> plan(ClusterSpec spec, PublishedPorts published, List<Integer> hostPorts) {
        int perBroker = publishedPerBroker(spec);
        if (hostPorts.size() != spec.brokers() * perBroker) {
            throw new IllegalArgumentException(spec.name() + " needs " + spec.brokers() * perBroker
                    + " host ports, got " + hostPorts.size());
        }
        List<HostPort> controllers = new ArrayList<>();
        for (int id = 0; id < spec.brokers(); id++) {
            controllers.add(new HostPort(alias(spec, id), CONTROLLER_PORT));
        }
        List<BrokerLayout> layouts = new ArrayList<>();
        for (int id = 0; id < spec.brokers(); id++) {
            List<Integer> ports = hostPorts.subList(id * perBroker, (id + 1) * perBroker);
            layouts.add(layout(spec, id, published, ports, controllers));
        }
        return List.copyOf(layouts);
    }

    private static BrokerLayout layout(ClusterSpec spec, int id, PublishedPorts published, List<Integer> hostPorts,
                                       List<HostPort> controllers) {
        String alias = alias(spec, id);
        Map<String, HostPort> bound = new LinkedHashMap<>();
        bound.put("CONTROLLER", new HostPort(ANY, CONTROLLER_PORT));
        bound.put("INTERNAL", new HostPort(ANY, INTERNAL_PORT));
        bound.put(KafkaCluster.DIRECT, new HostPort(ANY, DIRECT_PORT));
        for (int l = 0; l < spec.clientListeners().size(); l++) {
            bound.put(spec.clientListeners().get(l).name(), new HostPort(ANY, FIRST_CLIENT_PORT + l));
        }

        Map<String, HostPort> hostAddresses = new LinkedHashMap<>();
        List<String> portBindings = new ArrayList<>();
        List<String> publishedListeners = new ArrayList<>(List.of(KafkaCluster.DIRECT));
        spec.clientListeners().forEach(listener -> publishedListeners.add(listener.name()));
        for (int p = 0; p < publishedListeners.size(); p++) {
            String listener = publishedListeners.get(p);
            int hostPort = hostPorts.get(p);
            hostAddresses.put(listener, new HostPort(published.address(), hostPort));
            portBindings.add(published.bindIp() + ":" + hostPort + ":" + bound.get(listener).port());
        }

        Map<String, HostPort> advertised = new LinkedHashMap<>();
        advertised.put("INTERNAL", new HostPort(alias, INTERNAL_PORT));
        advertised.put(KafkaCluster.DIRECT, hostAddresses.get(KafkaCluster.DIRECT));
        for (ClusterSpec.ClientListener listener : spec.clientListeners()) {
            advertised.put(listener.name(), listener.advertised().isEmpty()
                    ? hostAddresses.get(listener.name())
                    : listener.advertised().get(id));
        }

        String properties = BrokerProperties.render(spec, id, controllers, bound, advertised, LOG_DIR);
        return new BrokerLayout(id, alias, bound, advertised, hostAddresses, portBindings, properties);
    }

    /** {@code primary-broker-0}: unique on the cluster's own network and readable in {@code docker ps}. */
    static String alias(ClusterSpec spec, int id) {
        return spec.name() + "-broker-" + id;
    }

    /**
     * The container's environment. The image's entrypoint formats storage with {@code CLUSTER_ID}
     * on first start (a restart finds it formatted and goes on). Every broker property comes from
     * {@link #serverProperties}, so no {@code KAFKA_*} variable may turn into one: the JVM option
     * variables are among the names the image's wrapper leaves out. The JVM options are the
     * process brokers' own; the image appends its class-data-sharing archive to them.
     */
    static Map<String, String> environment(String clusterId, int heapMb) {
        return Map.of(
                "CLUSTER_ID", clusterId,
                "KAFKA_HEAP_OPTS", String.join(" ", BrokerJvmOptions.heap(heapMb)),
                "KAFKA_JVM_PERFORMANCE_OPTS", String.join(" ", BrokerJvmOptions.runtime()));
    }

    /**
     * Where published container ports are reached from the harness's host and which host address
     * they bind to: never wider than the harness needs, since anyone who reaches a broker port
     * also bypasses the fault proxies.
     */
    record PublishedPorts(String address, String bindIp) {

        private static final String LOOPBACK = "127.0.0.1";

        /**
         * A local engine (unix socket, named pipe, tcp on loopback) binds loopback only. This is
         * decided from the engine's address, not from Testcontainers' guess: when the harness
         * looks containerised (a {@code /.dockerenv} file) Testcontainers names the bridge
         * gateway, and brokers would have been published on every interface. A remote engine
         * binds only its own address, as the harness resolves it.
         */
        static PublishedPorts of(URI dockerHost) {
            String scheme = String.valueOf(dockerHost.getScheme());
            if (scheme.equals("unix") || scheme.equals("npipe") || dockerHost.getHost() == null) {
                return new PublishedPorts(LOOPBACK, LOOPBACK);
            }
            try {
                InetAddress engine = InetAddress.getByName(dockerHost.getHost());
                return engine.isLoopbackAddress() ? new PublishedPorts(LOOPBACK, LOOPBACK)
                        : new PublishedPorts(engine.getHostAddress(), engine.getHostAddress());
            } catch (UnknownHostException e) {
                throw new BadInputException("the Docker engine's host " + dockerHost.getHost() + " (DOCKER_HOST="
                        + dockerHost + ") does not resolve", e);
            }
        }
    }
}
