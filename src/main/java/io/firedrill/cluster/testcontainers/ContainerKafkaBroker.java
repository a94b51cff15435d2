package io.firedrill.cluster.testcontainers;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import io.firedrill.cluster.BrokerState;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.support.HostPort;
import io.firedrill.support.InfrastructureException;
import org.awaitility.core.ConditionTimeoutException;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.startupcheck.StartupCheckStrategy;
import org.testcontainers.containers.wait.strategy.AbstractWaitStrategy;
import org.testcontainers.images.RemoteDockerImage;
import org.testcontainers.images.builder.Transferable;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/**
 * A broker that is an {@code apache/kafka} container on its cluster's Docker network. Lifecycle
 * faults are the engine's own verbs: {@code docker stop}, {@code kill} (SIGKILL), {@code pause}
 * (cgroup freezer: the broker holds its sockets and answers nothing, like SIGSTOP) and
 * {@code start} of the same container on the data it kept.
 */
final class ContainerKafkaBroker implements KafkaBroker {

    /** Logged by the broker once it serves; searched only in output written after the (re)start. */
    static final String STARTED_LINE = "Kafka Server started";
    /** The image's entrypoint takes a mounted server.properties from here and appends KAFKA_* variables. */
    static final String SERVER_PROPERTIES = "/mnt/shared/config/server.properties";
    private static final int STOP_GRACE_SECONDS = 15;

    private final String clusterName;
    private final BrokerLayout layout;
    private final ContainerLog log;
    private final DockerEngine engine;
    private final RemoteDockerImage image;
    private final Network network;
    private final Supplier<String> clusterId;
    private final int heapMb;
    private volatile GenericContainer<?> container;
    private volatile BrokerState state = BrokerState.STOPPED;
    private volatile long startOffset;

    ContainerKafkaBroker(String clusterName, BrokerLayout layout, Path logFile, DockerEngine engine,
                         RemoteDockerImage image, Network network, Supplier<String> clusterId, int heapMb) {
        this.clusterName = clusterName;
        this.layout = layout;
        this.log = new ContainerLog(logFile);
        this.engine = engine;
        this.image = image;
        this.network = network;
        this.clusterId = clusterId;
        this.heapMb = heapMb;
    }

    @Override
    public int id() {
        return layout.id();
    }

    @Override
    public String target() {
        return clusterName + "/broker-" + layout.id();
    }

    @Override
    public BrokerState state() {
        return state;
    }

    /** Where the harness's host reaches the listener: the upstream of a proxy in front of it. */
    @Override
    public HostPort listenerAddress(String listener) {
        HostPort address = layout.hostAddresses().get(listener);
        if (address == null) {
            throw new IllegalArgumentException(target() + " publishes no listener " + listener + " to the host; it publishes "
                    + layout.hostAddresses().keySet());
        }
        return address;
    }

    /** Creates a container with empty storage in the cluster's current id and starts it, without waiting for Kafka. */
    synchronized void create() {
        startOffset = log.settledSize();
        GenericContainer<?> fresh = new GenericContainer<>(image)
                .withNetwork(network)
                .withNetworkAliases(layout.alias())
                .withEnv(BrokerLayout.environment(clusterId.get(), heapMb))
                .withLabels(engine.labels(clusterName))
                .withCopyToContainer(Transferable.of(layout.serverProperties()), SERVER_PROPERTIES)
                .withCreateContainerCmdModifier(command -> command
                        .withName("firedrill-" + layout.alias() + "-" + Long.toHexString(System.nanoTime()))
                        .withHostName(layout.alias()))
                // readiness is the broker's own startup line, watched in the copied log with the
                // container's exit as the failure signal; Testcontainers only creates and starts
                .withStartupCheckStrategy(new CreatedIsEnough())
                .waitingFor(new NoWait());
        fresh.setPortBindings(layout.portBindings());
        container = fresh;
        try {
            fresh.start();
        } catch (RuntimeException e) {
            state = BrokerState.KILLED;
            throw new InfrastructureException(target() + ": Docker could not create or start its container ("
                    + DockerEngine.rootMessage(e) + ")", e);
        }
        log.follow(docker(), fresh.getContainerId());
        state = BrokerState.RUNNING;
    }

    /** Starts the stopped or killed container again on the data it kept, without waiting for Kafka. */
    synchronized void launch() {
        String id = containerId();
        if (isRunning()) {
            throw new IllegalStateException(target() + " is already running");
        }
        startOffset = log.settledSize();
        try {
            docker().startContainerCmd(id).exec();
        } catch (DockerException e) {
            state = BrokerState.KILLED;
            throw new InfrastructureException(target() + ": Docker could not start its container again ("
                    + e.getMessage() + ")", List.of(logExcerpt(20)), e);
        }
        log.follow(docker(), id);
        state = BrokerState.RUNNING;
    }

    /**
     * Waits for the startup line written after the last (re)start. A container that exits first
     * fails at once with its exit status and log tail.
     */
    void awaitServing(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.toMillis() <= 0) {
                throw notStartedWithin(timeout);
            }
            try {
                await("start of " + target())
                        .atMost(left)
                        .pollDelay(Duration.ZERO)
                        .pollInterval(Duration.ofMillis(50))
                        .until(() -> log.contains(startOffset, STARTED_LINE) || !log.following());
            } catch (ConditionTimeoutException e) {
                throw notStartedWithin(timeout);
            }
            if (log.contains(startOffset, STARTED_LINE)) {
                return;
            }
            InspectContainerResponse.ContainerState current = inspect().getState();
            if (Boolean.TRUE.equals(current.getRunning())) {
                // the output stream broke while the container runs: attach again and keep waiting
                log.follow(docker(), containerId());
                continue;
            }
            state = BrokerState.KILLED;
            throw new InfrastructureException(target() + " exited with status " + current.getExitCodeLong()
                    + (Boolean.TRUE.equals(current.getOOMKilled()) ? " (killed for lack of memory)" : "")
                    + " while starting", List.of(logExcerpt(40)));
        }
    }

    private InfrastructureException notStartedWithin(Duration timeout) {
        kill();
        return new InfrastructureException(target() + " did not start within " + timeout.toSeconds() + " s",
                List.of(logExcerpt(40)));
    }

    @Override
    public synchronized void stop() {
        if (container != null && container.getContainerId() != null) {
            try {
                docker().stopContainerCmd(containerId()).withTimeout(STOP_GRACE_SECONDS).exec();
            } catch (NotModifiedException alreadyStopped) {
                // stopping a stopped container changes nothing
            }
        }
        state = BrokerState.STOPPED;
    }

    @Override
    public synchronized void kill() {
        if (container != null && container.getContainerId() != null) {
            try {
                // SIGKILL; the engine also thaws a paused container so the signal lands
                docker().killContainerCmd(containerId()).exec();
            } catch (ConflictException notRunning) {
                // already dead
            }
        }
        state = BrokerState.KILLED;
    }

    @Override
    public synchronized void pause() {
        if (state != BrokerState.RUNNING || !isRunning()) {
            throw new IllegalStateException("cannot pause " + target() + ": it is " + state.name().toLowerCase());
        }
        docker().pauseContainerCmd(containerId()).exec();
        state = BrokerState.PAUSED;
    }

    @Override
    public synchronized void resume() {
        if (state == BrokerState.PAUSED) {
            docker().unpauseContainerCmd(containerId()).exec();
            state = BrokerState.RUNNING;
        }
    }

    @Override
    public void start() {
        launch();
        awaitServing(ContainerKafkaCluster.START_TIMEOUT);
    }

    /** Removes the container with its data and starts a new, empty one in the same cluster. */
    @Override
    public void wipeAndStart() {
        remove();
        create();
        awaitServing(ContainerKafkaCluster.START_TIMEOUT);
    }

    /** Kills and removes the container and its volumes; the log file stays. */
    synchronized void remove() {
        GenericContainer<?> current = container;
        if (current != null) {
            current.stop();
        }
        state = BrokerState.KILLED;
    }

    /** Stops copying the container's output: the cluster is closing. */
    void closeLog() {
        log.close();
    }

    /** Running or paused (a paused container still runs, frozen). */
    boolean isRunning() {
        GenericContainer<?> current = container;
        if (current == null || current.getContainerId() == null) {
            return false;
        }
        try {
            return Boolean.TRUE.equals(inspect().getState().getRunning());
        } catch (NotFoundException gone) {
            return false;
        }
    }

    String containerId() {
        GenericContainer<?> current = container;
        if (current == null || current.getContainerId() == null) {
            throw new IllegalStateException(target() + " has no container (it was removed)");
        }
        return current.getContainerId();
    }

    /** Containers have no process on this host the harness could signal; see {@link #containerId()}. */
    @Override
    public long pid() {
        return -1;
    }

    @Override
    public Path logFile() {
        return log.file();
    }

    @Override
    public List<String> logTail(int lines) {
        return log.tail(lines);
    }

    InfrastructureException.LogExcerpt logExcerpt(int lines) {
        return new InfrastructureException.LogExcerpt(target(), log.file().toString(), logTail(lines));
    }

    /** What clients of a published listener are told: the spec's proxy, or the published address itself. */
    HostPort advertisedAddress(String listener) {
        listenerAddress(listener);
        return layout.advertised().get(listener);
    }

    private InspectContainerResponse inspect() {
        return docker().inspectContainerCmd(containerId()).exec();
    }

    private DockerClient docker() {
        return engine.client();
    }

    @Override
    public String toString() {
        GenericContainer<?> current = container;
        String id = current == null || current.getContainerId() == null ? "no container" : current.getContainerId().substring(0, 12);
        return target() + " " + state.name().toLowerCase() + " (" + id + ")";
    }

    /** Testcontainers' check that the container keeps running: here the broker's startup line decides. */
    private static final class CreatedIsEnough extends StartupCheckStrategy {
        @Override
        public boolean waitUntilStartupSuccessful(DockerClient dockerClient, String containerId) {
            return true;
        }

        @Override
        public StartupStatus checkStartupState(DockerClient dockerClient, String containerId) {
            return StartupStatus.SUCCESSFUL;
        }
    }

    private static final class NoWait extends AbstractWaitStrategy {
        @Override
        protected void waitUntilReady() {
            // awaitServing watches the broker's own log instead
        }
    }
}
