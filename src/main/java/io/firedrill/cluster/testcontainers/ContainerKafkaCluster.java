package io.firedrill.cluster.testcontainers;

import io.firedrill.cluster.ClusterSpec;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.KafkaCluster;
import io.firedrill.process.RunDirectory;
import io.firedrill.support.FreePorts;
import io.firedrill.support.InfrastructureException;
import org.apache.kafka.common.Uuid;
import org.testcontainers.containers.Network;
import org.testcontainers.images.RemoteDockerImage;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/** A cluster of {@code apache/kafka} containers in KRaft combined mode on a Docker network of its own. */
final class ContainerKafkaCluster implements KafkaCluster {

    static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("firedrill.broker.start.timeout.s", 90));
    /**
     * Clusters not closed yet: removed on a normal exit or Ctrl-C without waiting for Ryuk, which
     * acts some seconds after the JVM is gone (and also after a SIGKILL, which no hook survives).
     */
    private static final Set<ContainerKafkaCluster> OPEN = ConcurrentHashMap.newKeySet();

    static {
        if (!DockerEngine.RYUK_DISABLED) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> OPEN.forEach(ContainerKafkaCluster::close),
                    "firedrill-container-reaper"));
        }
    }

    private final ClusterSpec spec;
    private final Network network;
    private final List<ContainerKafkaBroker> brokers = new ArrayList<>();
    private volatile String clusterId = Uuid.randomUuid().toString();
    private volatile boolean closed;

    private ContainerKafkaCluster(ClusterSpec spec, DockerEngine engine) {
        this.spec = spec;
        Map<String, String> labels = engine.labels(spec.name());
        String name = "firedrill-" + spec.name() + "-" + Long.toHexString(System.nanoTime());
        this.network = Network.builder()
                .createNetworkCmdModifier(command -> command.withName(name).withLabels(labels))
                .build();
    }

    static ContainerKafkaCluster start(ClusterSpec spec, DockerEngine engine, String imageName) {
        RemoteDockerImage image = DockerEngine.pull(imageName);
        List<Integer> hostPorts = FreePorts.forCluster(spec.name(), spec.firstPort(),
                spec.brokers() * BrokerLayout.publishedPerBroker(spec));
        List<BrokerLayout> layouts = BrokerLayout.plan(spec, engine.published(), hostPorts);
        Path logs = RunDirectory.resolve(spec.name() + "-" + System.nanoTime());

        ContainerKafkaCluster cluster = new ContainerKafkaCluster(spec, engine);
        OPEN.add(cluster);
        try {
            for (BrokerLayout layout : layouts) {
                cluster.brokers.add(new ContainerKafkaBroker(spec.name(), layout, logs.resolve("broker-" + layout.id() + ".log"),
                        engine, image, cluster.network, () -> cluster.clusterId, spec.heapMb()));
            }
            cluster.launchAndAwait(cluster.brokers, ContainerKafkaBroker::create);
            return cluster;
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
    }

    /**
     * Launches the given brokers in parallel (a KRaft quorum only forms when its voters boot
     * together) and waits for each; if one fails, all of them are killed and the error names it.
     */
    private void launchAndAwait(List<ContainerKafkaBroker> starting, Consumer<ContainerKafkaBroker> launch) {
        try {
            inParallel(starting, launch);
            for (ContainerKafkaBroker broker : starting) {
                broker.awaitServing(START_TIMEOUT);
            }
        } catch (InfrastructureException e) {
            inParallel(starting, ContainerKafkaBroker::kill);
            List<InfrastructureException.LogExcerpt> logs = new ArrayList<>(e.logs());
            Set<String> shown = logs.stream().map(InfrastructureException.LogExcerpt::process).collect(Collectors.toSet());
            starting.stream().filter(broker -> !shown.contains(broker.target()))
                    .map(broker -> broker.logExcerpt(10)).forEach(logs::add);
            throw new InfrastructureException("cluster '" + spec.name() + "' could not start: " + e.getMessage(), logs, e);
        }
    }

    /** Docker calls block on the engine, not on this JVM's cores: one thread per broker. */
    private static void inParallel(List<ContainerKafkaBroker> brokers, Consumer<ContainerKafkaBroker> action) {
        if (brokers.isEmpty()) {
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(brokers.size(), runnable -> {
            Thread thread = new Thread(runnable, "firedrill-container-op");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<?>> running = brokers.stream().map(broker -> pool.submit(() -> action.accept(broker)))
                    .collect(Collectors.toList());
            RuntimeException failure = null;
            for (Future<?> future : running) {
                try {
                    future.get();
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException runtime
                            ? runtime : new IllegalStateException(e.getCause());
                    if (failure == null) {
                        failure = cause;
                    } else {
                        failure.addSuppressed(cause);
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InfrastructureException("interrupted while waiting for Docker", e);
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdown();
        }
    }

    @Override
    public String name() {
        return spec.name();
    }

    @Override
    public String backend() {
        return "testcontainers";
    }

    @Override
    public List<KafkaBroker> brokers() {
        return List.copyOf(brokers);
    }

    @Override
    public String bootstrapServers(String listener) {
        return brokers.stream()
                .map(broker -> broker.advertisedAddress(listener).toString())
                .collect(Collectors.joining(","));
    }

    @Override
    public void killAll() {
        inParallel(brokers, ContainerKafkaBroker::kill);
    }

    @Override
    public void startAll() {
        launchAndAwait(brokers.stream().filter(broker -> !broker.isRunning()).toList(), ContainerKafkaBroker::launch);
    }

    /** New containers with empty storage under a new cluster id: a rebuilt site. */
    @Override
    public synchronized void rebuildEmpty() {
        inParallel(brokers, ContainerKafkaBroker::remove);
        clusterId = Uuid.randomUuid().toString();
        launchAndAwait(brokers, ContainerKafkaBroker::create);
    }

    @Override
    public List<InfrastructureException.LogExcerpt> logTails(int lines) {
        return brokers.stream().map(broker -> broker.logExcerpt(lines)).toList();
    }

    /** Removes every container with its data, then the network; the log files stay. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            inParallel(brokers, broker -> {
                broker.remove();
                broker.closeLog();
            });
        } finally {
            DockerEngine.bestEffort(network::close);
            OPEN.remove(this);
        }
    }

    @Override
    public String toString() {
        return spec.name() + " " + brokers;
    }
}
