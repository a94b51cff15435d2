package io.firedrill.cluster;

import io.firedrill.kafka.KafkaVersion;
import io.firedrill.support.BadInputException;
import io.firedrill.support.HostPort;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What a drill asks of one cluster.
 *
 * @param name            the cluster's alias in the drill: {@code primary} or {@code backup}
 * @param brokers         1..5 KRaft nodes, each broker and controller
 * @param brokerConfig    broker property overrides from the scenario's {@code config:} map
 * @param clientListeners extra listeners whose advertised addresses are proxies in front of the
 *                        brokers, so every client path can be faulted on its own
 * @param firstPort       null for free ports; otherwise the first of a consecutive range
 * @param heapMb          max heap of each broker JVM
 * @param kafka           the Kafka release the brokers run (default: the harness's own)
 * @param diskCapMb       0: brokers keep their data on the run directory's disk; otherwise each
 *                        broker's log directory is a filesystem of its own capped at this size,
 *                        which storage faults fill or fail without touching anything else
 */
public record ClusterSpec(String name, int brokers, Map<String, String> brokerConfig,
                          List<ClientListener> clientListeners, Integer firstPort, int heapMb, KafkaVersion kafka,
                          int diskCapMb) {

    public static final int MAX_BROKERS = 5;
    public static final int DEFAULT_HEAP_MB = 256;
    /** Listener names the backends use themselves. */
    public static final Set<String> RESERVED_LISTENERS = Set.of("CONTROLLER", "INTERNAL", "DIRECT");

    public ClusterSpec {
        if (name == null || !name.matches("[a-z0-9][a-z0-9-]*")) {
            throw new BadInputException("cluster name '" + name + "' is invalid: use lower-case letters, digits and '-'");
        }
        if (brokers < 1 || brokers > MAX_BROKERS) {
            throw new BadInputException("cluster '" + name + "': brokers must be 1.." + MAX_BROKERS + ", got " + brokers);
        }
        if (firstPort != null && (firstPort < 1024 || firstPort > 65000)) {
            throw new BadInputException("cluster '" + name + "': first port must be 1024..65000, got " + firstPort);
        }
        if (diskCapMb < 0) {
            throw new IllegalArgumentException("cluster '" + name + "': disk cap must be 0 (none) or positive, got " + diskCapMb);
        }
        if (heapMb < 128) {
            throw new BadInputException("cluster '" + name + "': broker heap must be at least 128 MB, got " + heapMb);
        }
        Objects.requireNonNull(kafka, "kafka");
        brokerConfig = Map.copyOf(new LinkedHashMap<>(brokerConfig));
        clientListeners = List.copyOf(clientListeners);
        for (ClientListener listener : clientListeners) {
            if (listener.advertised().size() != brokers && !listener.advertised().isEmpty()) {
                throw new IllegalArgumentException("listener " + listener.name() + " advertises "
                        + listener.advertised().size() + " addresses for " + brokers + " brokers");
            }
        }
    }

    public static ClusterSpec of(String name, int brokers) {
        return new ClusterSpec(name, brokers, Map.of(), List.of(), null, DEFAULT_HEAP_MB, KafkaVersion.HARNESS, 0);
    }

    public ClusterSpec withBrokerConfig(Map<String, String> config) {
        return new ClusterSpec(name, brokers, config, clientListeners, firstPort, heapMb, kafka, diskCapMb);
    }

    public ClusterSpec withClientListeners(List<ClientListener> listeners) {
        return new ClusterSpec(name, brokers, brokerConfig, listeners, firstPort, heapMb, kafka, diskCapMb);
    }

    public ClusterSpec withFirstPort(Integer port) {
        return new ClusterSpec(name, brokers, brokerConfig, clientListeners, port, heapMb, kafka, diskCapMb);
    }

    public ClusterSpec withKafka(KafkaVersion version) {
        return new ClusterSpec(name, brokers, brokerConfig, clientListeners, firstPort, heapMb, version, diskCapMb);
    }

    /** Each broker's log directory on a filesystem of its own of {@code megabytes} (storage faults). */
    public ClusterSpec withDiskCap(int megabytes) {
        return new ClusterSpec(name, brokers, brokerConfig, clientListeners, firstPort, heapMb, kafka, megabytes);
    }

    /** Replication factor Kafka's internal topics can have on this cluster. */
    public int internalReplicationFactor() {
        return Math.min(3, brokers);
    }

    /**
     * A named listener for one client path.
     *
     * @param advertised per broker index, the address clients are told to use (a proxy); empty:
     *                   the broker's own address
     */
    public record ClientListener(String name, List<HostPort> advertised) {
        public ClientListener {
            if (name == null || !name.matches("[A-Z][A-Z0-9_]*") || RESERVED_LISTENERS.contains(name)) {
                throw new IllegalArgumentException("listener name must be upper case and not one of "
                        + RESERVED_LISTENERS + ": " + name);
            }
            advertised = List.copyOf(advertised);
        }
    }
}
