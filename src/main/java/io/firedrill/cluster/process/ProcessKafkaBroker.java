package io.firedrill.cluster.process;

import io.firedrill.cluster.BrokerState;
import io.firedrill.cluster.KafkaBroker;
import io.firedrill.cluster.UnflushedLoss;
import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.LibFaketime;
import io.firedrill.process.LogFiles;
import io.firedrill.process.RunDirectory;
import io.firedrill.support.HostPort;
import io.firedrill.support.InfrastructureException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.awaitility.Awaitility.await;

/** A broker that is a real {@code kafka.Kafka} JVM, child of the harness, running its cluster's Kafka version. */
final class ProcessKafkaBroker implements KafkaBroker {

    /** Logged by KafkaRaftServer once the node serves. */
    static final String STARTED_LINE = "Kafka Server started";
    private static final Duration STOP_GRACE = Duration.ofSeconds(15);

    private final String clusterName;
    private final int id;
    private final Path dir;
    private final Path dataDir;
    private final Path properties;
    private final Path log;
    private final Map<String, HostPort> listeners;
    private final List<String> jvmOptions;
    private final Supplier<String> clusterId;
    private final KafkaDistribution kafka;
    private final BrokerDisk disk;
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile ChildJvm jvm;
    private volatile BrokerState state = BrokerState.STOPPED;
    private volatile long startOffset;
    /** The cluster id another version's broker formats its storage with when it next starts; null once it served. */
    private volatile String formatAtLaunch;

    ProcessKafkaBroker(String clusterName, int id, Path dir, Map<String, HostPort> listeners,
                       List<String> jvmOptions, Supplier<String> clusterId, KafkaDistribution kafka, int diskCapMb) {
        this.clusterName = clusterName;
        this.id = id;
        this.dir = dir;
        this.dataDir = dir.resolve("data");
        this.properties = dir.resolve("server.properties");
        this.log = dir.resolve("broker.log");
        this.listeners = Map.copyOf(listeners);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.clusterId = clusterId;
        this.kafka = kafka;
        this.disk = new BrokerDisk(dataDir, diskCapMb);
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public String target() {
        return clusterName + "/broker-" + id;
    }

    @Override
    public BrokerState state() {
        return state;
    }

    @Override
    public HostPort listenerAddress(String listener) {
        HostPort address = listeners.get(listener);
        if (address == null) {
            throw new IllegalArgumentException(target() + " has no listener " + listener + "; it has " + listeners.keySet());
        }
        return address;
    }

    Path dataDir() {
        return dataDir;
    }

    void writeProperties(String text) {
        try {
            Files.writeString(properties, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + properties, e);
        }
    }

    /**
     * Formats this node's empty storage, on its own filesystem (mounted here) when it has one: the
     * harness's Kafka at once, in process; another version in the broker's JVM when it next starts.
     */
    void formatStorage(String clusterId) {
        disk.prepare();
        if (kafka.version().isHarness()) {
            StorageFormat.formatInProcess(id, dataDir, clusterId);
        } else {
            formatAtLaunch = clusterId;
        }
    }

    /** Launches the JVM without waiting, so a cluster's nodes boot in parallel. */
    synchronized void launch() {
        if (jvm != null && jvm.isAlive()) {
            throw new IllegalStateException(target() + " is already running");
        }
        startOffset = LogFiles.size(log);
        String formatWith = formatAtLaunch;
        jvm = ChildJvm.builder(target(), formatWith == null ? "kafka.Kafka" : FormatThenServe.class.getName())
                .classpath(kafka.classpath())
                .jvmOptions(jvmOptions)
                .environment(clockOffset.isZero() ? Map.of() : LibFaketime.environment(clockOffset))
                .systemProperty("logback.configurationFile", "logback-child.xml")
                .args(formatWith == null ? List.of(properties.toString()) : List.of(formatWith, properties.toString()))
                .workingDirectory(dir)
                .log(log)
                .start();
        state = BrokerState.RUNNING;
    }

    /** Whether the last start failed because a listener's port was taken ("Address already in use"). */
    boolean failedToBind() {
        return LogFiles.contains(log, startOffset, "Address already in use");
    }

    /** Waits for the startup line; a JVM that exits first fails at once with its log tail. */
    void awaitServing(Duration timeout) {
        ChildJvm current = jvm;
        try {
            await("start of " + target())
                    .atMost(timeout)
                    .pollInterval(Duration.ofMillis(25))
                    .until(() -> !current.isAlive() || LogFiles.contains(log, startOffset, STARTED_LINE));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            current.kill();
            state = BrokerState.KILLED;
            throw new InfrastructureException(target() + " did not start within " + timeout.toSeconds()
                    + " s", List.of(current.logExcerpt(40)));
        }
        if (!current.isAlive()) {
            state = BrokerState.KILLED;
            throw new InfrastructureException(target() + " exited with status " + current.exitValue()
                    + " while starting", List.of(current.logExcerpt(40)));
        }
        formatAtLaunch = null;
    }

    @Override
    public synchronized void stop() {
        if (jvm != null) {
            jvm.stop(STOP_GRACE);
        }
        state = BrokerState.STOPPED;
    }

    @Override
    public synchronized void kill() {
        if (jvm != null) {
            jvm.kill();
        }
        state = BrokerState.KILLED;
    }

    @Override
    public synchronized void pause() {
        requireRunning("pause");
        jvm.pause();
        state = BrokerState.PAUSED;
    }

    @Override
    public synchronized void resume() {
        if (state == BrokerState.PAUSED) {
            jvm.resume();
            state = BrokerState.RUNNING;
        }
    }

    @Override
    public void start() {
        launch();
        awaitServing(ProcessKafkaCluster.START_TIMEOUT);
    }

    @Override
    public void wipeAndStart() {
        wipe();
        formatStorage(clusterId.get());
        start();
    }

    synchronized void wipe() {
        kill();
        disk.repair(); // an immutable directory could not be emptied
        RunDirectory.deleteRecursively(dataDir);
    }

    /** SIGKILL, then the log loses everything after its last flush (see {@link PowerCut}). */
    @Override
    public synchronized UnflushedLoss powerOff() {
        kill();
        return PowerCut.apply(target(), dataDir);
    }

    @Override
    public void fillDisk() {
        disk.fill();
    }

    /** The filler goes; a broker that took its full directory offline (and halted) starts again on it. */
    @Override
    public void freeDisk() {
        disk.free();
        if (!isAlive()) {
            start();
        }
    }

    @Override
    public void failLogDir() {
        disk.fail();
    }

    /**
     * The failed disk is swapped for an empty one: what was only on it is gone, as with a real
     * dead disk (a broker that comes back on the same bytes would hide exactly the loss an RF 1
     * topic suffers).
     */
    @Override
    public void replaceLogDir() {
        wipeAndStart();
    }

    /** A clean restart under libfaketime ({@code offset} 0: without it). */
    @Override
    public void restartWithClockOffset(Duration offset) {
        stop();
        clockOffset = offset;
        start();
    }

    /** Its data directory back on a plain disk: what {@link BrokerDisk} mounted is gone. */
    void releaseDisk() {
        disk.release();
    }

    @Override
    public long pid() {
        ChildJvm current = jvm;
        return current == null ? -1 : current.pid();
    }

    boolean isAlive() {
        ChildJvm current = jvm;
        return current != null && current.isAlive();
    }

    @Override
    public Path logFile() {
        return log;
    }

    @Override
    public List<String> logTail(int lines) {
        return LogFiles.tail(log, lines);
    }

    InfrastructureException.LogExcerpt logExcerpt(int lines) {
        return new InfrastructureException.LogExcerpt(target(), log.toString(), logTail(lines));
    }

    private void requireRunning(String operation) {
        if (state != BrokerState.RUNNING || !isAlive()) {
            throw new IllegalStateException("cannot " + operation + " " + target() + ": it is " + state.name().toLowerCase());
        }
    }

    @Override
    public String toString() {
        return target() + " " + state.name().toLowerCase() + (isAlive() ? " (pid " + pid() + ")" : "");
    }
}
