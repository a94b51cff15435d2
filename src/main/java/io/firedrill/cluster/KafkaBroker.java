package io.firedrill.cluster;

import io.firedrill.support.HostPort;

import java.nio.file.Path;
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

    /** Operating-system process id, or -1 where there is none (containers, external). */
    long pid();

    Path logFile();

    List<String> logTail(int lines);
}
