package io.firedrill.drill;

import io.firedrill.scenario.Keyword;

/**
 * The point events of a drill's timeline. Each happens once (the first time counts); reports
 * and summary.json spell them by {@link #keyword()}.
 */
enum DrillMark implements Keyword {
    /** The disaster step began: RTO counts from here. */
    DISASTER,
    /** The detector declared the primary lost. */
    DETECTION,
    /** Clients are on the backup. */
    FAILOVER,
    /** The active address points at the backup (redirected clients recover from here). */
    ADDRESS_FLIPPED,
    /** Groups processed a record on the backup again. */
    RECOVERY,
    /** A backup step stored its snapshot. */
    BACKUP,
    /** A rebuilt cluster started to be refilled. */
    RESTORE,
    /** The restore completed. */
    RESTORED,
    /** Clients are back on the primary. */
    FAILBACK,
    /** The active address points at the primary again. */
    ADDRESS_FLIPPED_BACK
}
