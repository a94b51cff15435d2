package io.firedrill.scenario;

/** How replicated topics are named on the other cluster. */
public enum ReplicationPolicy implements Keyword {
    /** Same topic names on both clusters (MirrorMaker 2's IdentityReplicationPolicy). */
    IDENTITY,
    /** The source cluster's alias and a dot before the name, {@code primary.orders} (DefaultReplicationPolicy). */
    PREFIXED
}
