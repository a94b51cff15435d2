package io.firedrill.replication;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Where a consumer group resumes in one partition after failover or failback, and why there.
 */
public record ResumeOffset(long offset, Basis basis) {

    /** What consumers find on the backup when they simply start there: MirrorMaker's synced group offsets. */
    public static final Set<Basis> MIRRORMAKER_SYNCED = Collections.unmodifiableSet(EnumSet.of(Basis.SYNCED));
    /** What RemoteClusterUtils.translateOffsets gives a runbook: the newest checkpoint. */
    public static final Set<Basis> CHECKPOINTS = Collections.unmodifiableSet(EnumSet.of(Basis.CHECKPOINT));
    /** The freshest of all three, the harness's last-seen tracker included. */
    public static final Set<Basis> LAST_SEEN = Collections.unmodifiableSet(EnumSet.of(Basis.SYNCED, Basis.CHECKPOINT, Basis.TRANSLATED));

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
