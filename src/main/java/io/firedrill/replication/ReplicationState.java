package io.firedrill.replication;

import java.util.Locale;

/** The drill's {@code replication_status}: how a replication flow is doing right now. */
public enum ReplicationState {
    /** MirrorMaker has not shown a heartbeat yet. */
    STARTING,
    /** Alive, both clusters reachable, oldest unreplicated record younger than the lagging threshold. */
    HEALTHY,
    /** Alive and moving, but the oldest unreplicated record is older than the lagging threshold. */
    LAGGING,
    /** MirrorMaker dead or silent, a cluster unreachable, or replication stalled. */
    DISRUPTED,
    /** Healthy again after having been disrupted. */
    RESTORED;

    /** As the status tracker writes it: {@code healthy}, {@code disrupted}... */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean isHealthy() {
        return this == HEALTHY || this == RESTORED;
    }
}
