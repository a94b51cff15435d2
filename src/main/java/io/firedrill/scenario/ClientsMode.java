package io.firedrill.scenario;

/** How the drill's clients get to the backup on {@code failover} (and back on {@code failback}). */
public enum ClientsMode implements Keyword {
    /** The harness moves its producers and groups by a method call, at translated offsets (v1). */
    MOVE,
    /**
     * The harness only flips the drill's active address, as a DNS name or a VIP is flipped; the
     * clients, started on that address, must find the other cluster by themselves.
     */
    REDIRECT
}
