package io.firedrill.scenario;

/** Where consumer groups resume on the backup at failover ({@code failover: { offsets: ... }}). */
public enum FailoverOffsets implements Keyword {
    /**
     * The group offsets MirrorMaker 2 synced to the backup ({@code sync.group.offsets.enabled}):
     * what consumers find when they simply start on the backup. The default.
     */
    MIRRORMAKER_SYNCED,
    /**
     * The group's newest checkpoint, what {@code RemoteClusterUtils.translateOffsets} returns to
     * a runbook or an application that translates offsets itself.
     */
    CHECKPOINTS,
    /**
     * The harness's own tracker: the group's commits polled every 100 ms from the live primary and
     * mapped through MirrorMaker's offset syncs. Production has this only if it runs such a tracker.
     */
    LAST_SEEN;

    public static final FailoverOffsets DEFAULT = MIRRORMAKER_SYNCED;

    /** How reports name the basis, saying when it is a harness convenience. */
    public String label() {
        return switch (this) {
            case MIRRORMAKER_SYNCED -> "MirrorMaker's synced group offsets";
            case CHECKPOINTS -> "MirrorMaker's newest checkpoints (RemoteClusterUtils.translateOffsets)";
            case LAST_SEEN -> "last-seen commits on the primary (a harness convenience: production needs its own offset tracker)";
        };
    }
}
