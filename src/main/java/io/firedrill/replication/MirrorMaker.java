package io.firedrill.replication;

import io.firedrill.kafka.KafkaDistribution;
import io.firedrill.process.ChildJvm;
import io.firedrill.process.LibFaketime;
import io.firedrill.process.LogFiles;
import io.firedrill.process.RunDirectory;
import io.firedrill.support.InfrastructureException;
import org.awaitility.core.ConditionTimeoutException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.awaitility.Awaitility.await;

/**
 * MirrorMaker 2 in dedicated mode as its own child JVM, running exactly one {@link ReplicationFlow}
 * on the flow's Kafka version,
 * so a drill can kill it, restart it and cut its links. Each start renders a fresh mm2.properties
 * (with a fresh worker group, {@code <run tag>.<name>.start-<n>}) and appends to the same log file.
 * Its name ({@code mirrormaker-primary-to-backup-1}) is the harness's: process, log and report;
 * on the clusters every name also carries the flow's run tag.
 */
public final class MirrorMaker implements AutoCloseable {

    public static final String MAIN_CLASS = "org.apache.kafka.connect.mirror.MirrorMaker";
    /** Logged by Connect once the heartbeat task of the flow runs: the worker is up and configured. */
    static final String READY_LINE = "MirrorHeartbeatConnector-0} Source task finished initialization and start";
    /** Logged by Connect when a connector cannot start (bad config, unreachable cluster): no point waiting. */
    static final String CONNECTOR_FAILED_LINE = "Failed to start connector";
    public static final Duration START_TIMEOUT = Duration.ofSeconds(Long.getLong("firedrill.mirrormaker.start.timeout.s", 90));
    /** How long a stop waits for a clean exit before SIGKILL: a drill's stop is bounded even with a dead source. */
    public static final Duration STOP_GRACE = Duration.ofMillis(1500);
    private static final AtomicInteger INSTANCES = new AtomicInteger();

    /** What the process is tuned for. */
    public enum Workload {
        /** A live flow: starts fast (client compiler only); a few thousand records a second need no more. */
        STREAMING,
        /** A restore copying a backlog: the full JIT, slower to warm up but several times the throughput. */
        BULK_COPY
    }

    private final ReplicationFlow flow;
    private final Workload workload;
    private final String name;
    private final Path dir;
    private final Path log;
    private final AtomicInteger generation = new AtomicInteger();
    private volatile ChildJvm jvm;
    private volatile long startOffset;
    private volatile MirrorMakerSettings settings;
    /** Its wall clock's offset from the machine's (a clock-skew fault), kept across kills and restarts until healed. */
    private volatile Duration clockOffset = Duration.ZERO;

    private MirrorMaker(ReplicationFlow flow, Workload workload) {
        this.flow = flow;
        this.workload = workload;
        this.name = "mirrormaker-" + flow.source().alias() + "-to-" + flow.target().alias() + "-" + INSTANCES.incrementAndGet();
        this.dir = RunDirectory.resolve("mirrormaker/" + name);
        this.log = dir.resolve("mirrormaker.log");
    }

    /** Starts MirrorMaker for a live flow and returns once its worker runs the flow's tasks. */
    public static MirrorMaker start(ReplicationFlow flow) {
        return start(flow, Workload.STREAMING);
    }

    public static MirrorMaker start(ReplicationFlow flow, Workload workload) {
        MirrorMaker mirrorMaker = launch(flow, workload);
        try {
            mirrorMaker.awaitReady(START_TIMEOUT);
            return mirrorMaker;
        } catch (RuntimeException e) {
            mirrorMaker.close();
            throw e;
        }
    }

    /** Starts the process without waiting for it: {@link #awaitReady} later (failback lets clients move meanwhile). */
    public static MirrorMaker launch(ReplicationFlow flow, Workload workload) {
        MirrorMaker mirrorMaker = new MirrorMaker(flow, workload);
        synchronized (mirrorMaker) {
            mirrorMaker.launchProcess();
        }
        return mirrorMaker;
    }

    /** Waits until the worker runs the flow's tasks; fails at once if the process or a connector dies first. */
    public void awaitReady(Duration timeout) {
        awaitLogLine(READY_LINE, timeout, "start");
    }

    public ReplicationFlow flow() {
        return flow;
    }

    public String name() {
        return name;
    }

    /** Starts it again (after stop or kill) and waits until its worker is ready. */
    public synchronized void start() {
        launchProcess();
        awaitReady(START_TIMEOUT);
    }

    /** Clean stop (SIGTERM), SIGKILL after {@link #STOP_GRACE}. */
    public void stop() {
        stop(STOP_GRACE);
    }

    public synchronized void stop(Duration grace) {
        ChildJvm current = jvm;
        if (current != null) {
            current.stop(grace);
        }
    }

    /** SIGKILL: whatever it had not committed is replicated again after a restart. */
    public synchronized void kill() {
        ChildJvm current = jvm;
        if (current != null) {
            current.kill();
        }
    }

    /** Clean stop, then start on the same offsets. */
    public synchronized void restart() {
        stop();
        start();
    }

    /**
     * Clean stop, then start on the same offsets with its wall clock {@code offset} ahead of the
     * machine's (libfaketime; {@link Duration#ZERO} for the real clock again). One that is not
     * running (killed, or fenced by a failover) stays down and takes the clock at its next start.
     */
    public synchronized void restartWithClockOffset(Duration offset) {
        clockOffset = offset;
        if (isAlive()) {
            stop();
            start();
        }
    }

    public boolean isAlive() {
        ChildJvm current = jvm;
        return current != null && current.isAlive();
    }

    public long pid() {
        ChildJvm current = jvm;
        return current == null ? -1 : current.pid();
    }

    /** The settings of its latest start, secrets redacted: what reports show. */
    public MirrorMakerSettings settings() {
        return settings.redacted();
    }

    public Path logFile() {
        return log;
    }

    public List<String> logTail(int lines) {
        return LogFiles.tail(log, lines);
    }

    public InfrastructureException.LogExcerpt logExcerpt(int lines) {
        return new InfrastructureException.LogExcerpt(name, log.toString(), logTail(lines));
    }

    /** Whether a line logged by the current run contains the text (for checks of effective settings). */
    public boolean logged(String text) {
        return LogFiles.contains(log, startOffset, text);
    }

    @Override
    public synchronized void close() {
        kill();
    }

    private void launchProcess() {
        if (isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        Path properties = dir.resolve("mm2.properties");
        String workerGroup = flow.run() + "." + name + ".start-" + generation.incrementAndGet();
        settings = MirrorMakerProperties.settings(flow, name, workerGroup);
        try {
            // client settings of the external backend carry passwords: 0600, under the run's 0700 directory
            RunDirectory.writePrivate(properties, MirrorMakerProperties.render(flow.name(), settings));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + properties, e);
        }
        startOffset = LogFiles.size(log);
        jvm = ChildJvm.builder(name, MAIN_CLASS)
                .classpath(KafkaDistribution.of(flow.kafka()).classpath())
                .jvmOptions(jvmOptions())
                .environment(clockOffset.isZero() ? Map.of() : LibFaketime.environment(clockOffset))
                .systemProperty("logback.configurationFile", "firedrill/kafka/mirrormaker-logback.xml")
                .args(List.of(properties.toString()))
                .workingDirectory(dir)
                .log(log)
                .start();
    }

    private void awaitLogLine(String line, Duration timeout, String what) {
        ChildJvm current = jvm;
        if (current == null) {
            throw new IllegalStateException(name + " was never started");
        }
        try {
            await(name + " " + what).atMost(timeout).pollInterval(Duration.ofMillis(25))
                    .until(() -> !current.isAlive() || LogFiles.contains(log, startOffset, line)
                            || LogFiles.contains(log, startOffset, CONNECTOR_FAILED_LINE));
        } catch (ConditionTimeoutException e) {
            throw new InfrastructureException(name + " (" + flow.name() + ") did not " + what + " within "
                    + timeout.toSeconds() + " s", List.of(logExcerpt(60)));
        }
        if (!current.isAlive()) {
            throw new InfrastructureException(name + " (" + flow.name() + ") exited with status "
                    + current.exitValue() + " before it could " + what, List.of(logExcerpt(60)));
        }
        if (LogFiles.contains(log, startOffset, CONNECTOR_FAILED_LINE)) {
            throw new InfrastructureException(name + " (" + flow.name() + ") could not " + what
                    + ": a connector failed to start (see its log " + log + ")", List.of(logExcerpt(60)));
        }
    }

    private List<String> jvmOptions() {
        List<String> options = new ArrayList<>(List.of(
                "-Xmx256m",
                "-Xms64m",
                "-XX:+UseSerialGC",
                "-XX:-UsePerfData",
                "-XX:+ExitOnOutOfMemoryError",
                "-Djava.awt.headless=true",
                "-Djava.net.preferIPv4Stack=true"));
        if (workload == Workload.STREAMING) {
            options.add("-XX:TieredStopAtLevel=1");
        }
        String extra = System.getProperty("firedrill.mirrormaker.jvm.options", "").strip();
        if (!extra.isEmpty()) {
            options.addAll(Arrays.asList(extra.split("\\s+")));
        }
        return options;
    }

    @Override
    public String toString() {
        return name + " " + flow.name() + (isAlive() ? " (pid " + pid() + ")" : " (not running)");
    }
}
