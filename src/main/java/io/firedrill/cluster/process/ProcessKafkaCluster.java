package io.firedrill.cluster.process;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.process.RunDirectory;
import io.firedrill.support.FreePorts;
import io.firedrill.support.HostPort;
import io.firedrill.support.InfrastructureException;
import org.apache.kafka.common.Uuid;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/** A cluster of {@code kafka.Kafka} child JVMs in KRaft combined mode, on the spec's Kafka version. */
final class ProcessKafkaCluster implements KafkaCluster {

    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("firedrill.broker.start.timeout.s", 90));
    /** Starts tried when a probed port is taken before the broker binds it. */
    private static final int BIND_ATTEMPTS = 3;
    private static final Logger LOG = LoggerFactory.getLogger(ProcessKafkaCluster.class);
    private static final List<String> FIXED_LISTENERS = List.of("CONTROLLER", "INTERNAL", DIRECT);

    private final ClusterSpec spec;
    private final Path dir;
    private final KafkaDistribution kafka;
    private final List<ProcessKafkaBroker> brokers = new ArrayList<>();
    private volatile String clusterId = Uuid.randomUuid().toString();
    private volatile boolean closed;

    private ProcessKafkaCluster(ClusterSpec spec, Path dir) {
        this.spec = spec;
        this.dir = dir;
        this.kafka = KafkaDistribution.of(spec.kafka());
    }

    static ProcessKafkaCluster start(ClusterSpec spec) {
        return start(spec, count -> FreePorts.forCluster(spec.name(), spec.firstPort(), count));
    }

    /**
     * Starts the cluster on the ports {@code ports} gives for a count. A free port is probed and
     * released before the broker binds it, so another process can take it in between: when a
     * broker fails to bind, the cluster starts again on other ports (ports the user fixed are
     * never changed). Tests pass a port they hold to see it happen.
     */
    static ProcessKafkaCluster start(ClusterSpec spec, IntFunction<List<Integer>> ports) {
        for (int attempt = 1; ; attempt++) {
            ProcessKafkaCluster cluster = new ProcessKafkaCluster(spec, RunDirectory.resolve(spec.name() + "-" + System.nanoTime()));
            try {
                cluster.create(ports);
                cluster.launchAndAwait(cluster.brokers);
                return cluster;
            } catch (RuntimeException e) {
                cluster.close();
                if (attempt < BIND_ATTEMPTS && spec.firstPort() == null
                        && cluster.brokers.stream().anyMatch(ProcessKafkaBroker::failedToBind)) {
                    LOG.info("Cluster {}: a port was taken before its broker bound it; starting again on other ports", spec.name());
                    continue;
                }
                throw e;
            }
        }
    }

    private void create(IntFunction<List<Integer>> portsFor) {
        List<String> listenerNames = new ArrayList<>(FIXED_LISTENERS);
        spec.clientListeners().forEach(listener -> listenerNames.add(listener.name()));
        List<Integer> ports = portsFor.apply(spec.brokers() * listenerNames.size());
        List<Map<String, HostPort>> bound = new ArrayList<>();
        for (int id = 0; id < spec.brokers(); id++) {
            Map<String, HostPort> listeners = new LinkedHashMap<>();
            for (int l = 0; l < listenerNames.size(); l++) {
                listeners.put(listenerNames.get(l), HostPort.loopback(ports.get(id * listenerNames.size() + l)));
            }
            bound.add(listeners);
        }
        List<HostPort> controllers = bound.stream().map(listeners -> listeners.get("CONTROLLER")).toList();
        List<String> jvmOptions = jvmOptions();
        for (int id = 0; id < spec.brokers(); id++) {
            Map<String, HostPort> listeners = bound.get(id);
            ProcessKafkaBroker broker = new ProcessKafkaBroker(spec.name(), id,
                    RunDirectory.resolve(dir.getFileName() + "/broker-" + id), listeners, jvmOptions, () -> clusterId,
                    kafka, spec.diskCapMb());
            broker.writeProperties(BrokerProperties.render(spec, id, controllers, listeners,
                    advertised(id, listeners), broker.dataDir().toString()));
            brokers.add(broker);
        }
        formatStorage();
    }

    private void formatStorage() {
        String id = clusterId;
        brokers.forEach(broker -> broker.formatStorage(id));
    }

    private Map<String, HostPort> advertised(int id, Map<String, HostPort> listeners) {
        Map<String, HostPort> advertised = new LinkedHashMap<>(listeners);
        advertised.remove("CONTROLLER");
        for (ClusterSpec.ClientListener listener : spec.clientListeners()) {
            if (!listener.advertised().isEmpty()) {
                advertised.put(listener.name(), listener.advertised().get(id));
            }
        }
        return advertised;
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(BrokerJvmOptions.heap(spec.heapMb()));
        options.addAll(BrokerJvmOptions.runtime());
        return options;
    }

    /** All given brokers boot in parallel; if one fails, all of them are killed and the error names it. */
    private void launchAndAwait(List<ProcessKafkaBroker> starting) {
        starting.forEach(ProcessKafkaBroker::launch);
        for (ProcessKafkaBroker broker : starting) {
            try {
                broker.awaitServing(START_TIMEOUT);
            } catch (InfrastructureException e) {
                starting.forEach(ProcessKafkaBroker::kill);
                List<InfrastructureException.LogExcerpt> logs = new ArrayList<>(e.logs());
                starting.stream().filter(other -> other != broker).map(other -> other.logExcerpt(10)).forEach(logs::add);
                throw new InfrastructureException("cluster '" + spec.name() + "' could not start: " + e.getMessage(), logs, e);
            }
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String backend() {
        return "process";
    }

    @Override
    public List<KafkaBroker> brokers() {
        return List.copyOf(brokers);
    }

    @Override
    public String bootstrapServers(String listener) {
        return brokers.stream()
                .map(broker -> advertisedOrBound(broker, listener).toString())
                .collect(Collectors.joining(","));
    }

    private HostPort advertisedOrBound(ProcessKafkaBroker broker, String listener) {
        return spec.clientListeners().stream()
                .filter(client -> client.name().equals(listener) && !client.advertised().isEmpty())
                .map(client -> client.advertised().get(broker.id()))
                .findFirst()
                .orElseGet(() -> broker.listenerAddress(listener));
    }

    @Override
    public void killAll() {
        brokers.parallelStream().forEach(ProcessKafkaBroker::kill);
    }

    @Override
    public void startAll() {
        launchAndAwait(brokers.stream().filter(broker -> !broker.isAlive()).toList());
    }

    @Override
    public synchronized void rebuildEmpty() {
        brokers.parallelStream().forEach(ProcessKafkaBroker::wipe);
        clusterId = Uuid.randomUuid().toString();
        formatStorage();
        launchAndAwait(brokers);
    }

    @Override
    public List<InfrastructureException.LogExcerpt> logTails(int lines) {
        return brokers.stream().map(broker -> broker.logExcerpt(lines)).toList();
    }

    /** Kills every broker (a drill's clusters are disposable) and deletes their data; logs stay. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        killAll();
        brokers.forEach(broker -> {
            broker.releaseDisk();
            RunDirectory.deleteRecursively(broker.dataDir());
        });
    }

    @Override
    public String toString() {
        return spec.name() + " " + brokers;
    }
}
