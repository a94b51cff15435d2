package io.firedrill.replication;

/** Where a failover takes the offsets each consumer group resumes at on the backup. */
public enum ResumeSources {
    /**
     * MirrorMaker 2's synced offsets and newest checkpoints only: what a production failover has,
     * so a drill whose clients recover by themselves measures the re-reads production would get.
     */
    MIRRORMAKER,
    /**
     * Those, and the group's committed offsets the harness watched on the primary, mapped through
     * the offset syncs: the freshest, so the groups the harness moves re-read a few records only.
     */
    MIRRORMAKER_AND_OBSERVED
}
