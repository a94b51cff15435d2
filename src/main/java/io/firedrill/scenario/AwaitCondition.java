package io.firedrill.scenario;

/** What an {@code await} step waits for. */
public enum AwaitCondition implements Keyword {
    /** MirrorMaker 2 runs and records reach the backup. */
    REPLICATION_HEALTHY,
    /** The backup holds everything acknowledged on the primary so far. */
    REPLICATION_CAUGHT_UP,
    /** Every consumer group has processed everything produced so far. */
    CONSUMERS_CAUGHT_UP,
    /** The disaster detector has declared the primary lost (see {@link Detection}). */
    DISASTER_DETECTED,
    /** The last restore has copied everything onto the rebuilt cluster. */
    RESTORE_COMPLETE
}
