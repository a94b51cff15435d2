package io.firedrill.replication;

/**
 * Where a consumer group resumes in one partition after failover or failback, and why there.
 */
public record ResumeOffset(long offset, Basis basis) {

    public enum Basis {
        /** MirrorMaker's synced group offset on the backup (sync.group.offsets). */
        SYNCED,
        /** MirrorMaker's newest checkpoint (RemoteClusterUtils.translateOffsets): fresher than the sync. */
        CHECKPOINT,
        /**
         * The group's committed offset last seen on the primary (at most 100 ms before the
         * disaster), mapped through MirrorMaker's offset syncs the way its checkpoint task maps
         * it: fresher than a checkpoint, which is emitted once a second at best.
         */
        TRANSLATED,
        /** No translation for this partition: the start of the log, so nothing is skipped. */
        EARLIEST,
        /** The backup's own topic of the prefixed policy, new at failover: read from its start. */
        LOCAL_TOPIC,
        /** Translated exactly through the restore flow's offset syncs or the snapshot's offset index. */
        EXACT
    }
}
