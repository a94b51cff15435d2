package io.firedrill.scenario;

/** Where a restore copies the data from. */
public enum RestoreSource implements Keyword {
    /** Reverse replication from the backup cluster. */
    BACKUP,
    /** The latest snapshot taken by a {@code backup} step. */
    BACKUP_STORAGE
}
