package io.firedrill.cluster;

import io.firedrill.support.HostPort;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** One broker (a KRaft node that is broker and controller) of a managed cluster. */
public interface KafkaBroker {

    /** 0-based index within its cluster, also its node id. */
    int id();

    /** {@code primary/broker-0}: the drill's name for it. */
    String target();

    BrokerState state();

    /** The address the broker itself listens on for a listener ({@code DIRECT} or a client listener). */
    HostPort listenerAddress(String listener);

    /** Clean stop (SIGTERM and wait). */
    void stop();

    /** SIGKILL: the broker loses what it had not written to disk. */
    void kill();

    /** SIGSTOP. */
    void pause();

    /** SIGCONT. */
    void resume();

    /** Starts it again on the data it has (after stop or kill) and waits until it serves. */
    void start();

    /** Kills it if needed, deletes its data, and starts it empty in the same cluster. */
    void wipeAndStart();

    /**
     * Power cut: SIGKILL, then every log segment loses what was written after the broker's last
     * flush, as the page cache does. {@link #start()} brings it back on what is left.
     */
    default UnflushedLoss powerOff() {
        throw hostFaultsUnsupported("power-loss");
    }

    /** Its log directory's filesystem has no space left. */
    default void fillDisk() {
        throw hostFaultsUnsupported("disk-full");
    }

    /** The space is back; a broker that halted on the full disk starts again. */
    default void freeDisk() {
        throw hostFaultsUnsupported("disk-full");
    }

    /** Its log directory fails under it, as on an I/O error: Kafka takes it offline. */
    default void failLogDir() {
        throw hostFaultsUnsupported("log-dir-failure");
    }

    /**
     * The failed disk replaced by an empty one, as an operator would: the broker starts in the
     * same cluster with a fresh log directory and re-replicates what its peers still hold.
     */
    default void replaceLogDir() {
        throw hostFaultsUnsupported("log-dir-failure");
    }

    /** Restarts it with its wall clock {@code offset} ahead of the machine's ({@link Duration#ZERO}: the real clock). */
    default void restartWithClockOffset(Duration offset) {
        throw hostFaultsUnsupported("clock-skew");
    }

    private UnsupportedOperationException hostFaultsUnsupported(String fault) {
        return new UnsupportedOperationException(fault + " needs a broker Firedrill runs as its own process; "
                + target() + " is not one (use the process backend)");
    }

    /** Operating-system process id, or -1 where there is none (containers, external). */
    long pid();

    Path logFile();

    List<String> logTail(int lines);
}
